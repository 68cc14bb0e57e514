import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { metricsServiceMock } from '@backstage/backend-test-utils/alpha';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { innersourcePlugin } from './plugin';
import { INVALID_SCORING_BLOCKS } from './service/__testUtils__/invalidScoringBlocks';

describe('innersource backend plugin', () => {
  it('answers the health check without credentials, for load balancers', async () => {
    const { server } = await startTestBackend({
      features: [innersourcePlugin, catalogServiceMock.factory()],
    });

    const res = await request(server)
      .get('/api/innersource/health')
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('refuses every other route without credentials', async () => {
    const { server } = await startTestBackend({
      features: [innersourcePlugin, catalogServiceMock.factory()],
    });
    const res = await request(server)
      .get('/api/innersource/projects')
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(401);
  });

  it.each(INVALID_SCORING_BLOCKS)(
    'does not start with %s in innersource.scoring',
    async (_what, scoring, message) => {
      await expect(
        startTestBackend({
          features: [
            innersourcePlugin,
            catalogServiceMock.factory(),
            mockServices.rootConfig.factory({
              data: { innersource: { scoring } },
            }),
          ],
        }),
      ).rejects.toThrow(message);
    },
  );

  it.each([
    [
      { windowDays: 0 },
      'innersource.windowDays must be a whole number from 1 to 3650, got 0',
    ],
    [
      { refresh: { perUserPerHour: 0 } },
      'innersource.refresh.perUserPerHour must be a whole number from 1 to 1000, got 0',
    ],
    [
      { git: { evictAfterDays: 0 } },
      'innersource.git.evictAfterDays must be above 0, got 0',
    ],
  ])(
    'does not start with an invalid innersource setting: %p',
    async (innersource, message) => {
      await expect(
        startTestBackend({
          features: [
            innersourcePlugin,
            catalogServiceMock.factory(),
            mockServices.rootConfig.factory({ data: { innersource } }),
          ],
        }),
      ).rejects.toThrow(message);
    },
  );

  it("counts each refresh run in Backstage's metrics service", async () => {
    const metrics = metricsServiceMock.mock();
    await startTestBackend({
      features: [
        innersourcePlugin,
        catalogServiceMock.factory(),
        metrics.factory,
        mockServices.scheduler.factory({
          includeInitialDelayedTasksOnStartup: true,
        }),
      ],
    });
    const runs =
      metrics.createCounter.mock.results[
        metrics.createCounter.mock.calls.findIndex(
          ([name]) => name === 'innersource.refresh.runs',
        )
      ].value;
    await waitForCall(runs.add);
    expect(runs.add).toHaveBeenCalledWith(1, {
      trigger: 'schedule',
      status: 'succeeded',
    });
  }, 60_000);
});

/** Polls until `fn` has been called, for up to 30 s: a loaded CI machine is slow to run the first refresh. */
async function waitForCall(fn: jest.Mock) {
  const deadline = Date.now() + 30_000;
  while (fn.mock.calls.length === 0 && Date.now() < deadline) {
    await new Promise(r => setTimeout(r, 25));
  }
}

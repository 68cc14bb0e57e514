import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { innersourcePlugin } from './plugin';
import { INVALID_SCORING_BLOCKS } from './service/invalidScoringBlocks';

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
});

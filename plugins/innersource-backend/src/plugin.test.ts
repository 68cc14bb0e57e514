import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { innersourcePlugin } from './plugin';

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

  it.each([
    [
      {
        scoring: {
          tiers: [
            { name: 'A', min: 50, color: '#ffffff' },
            { name: 'B', min: 60, color: '#000000' },
            { name: 'C', min: 0, color: '#000000' },
          ],
        },
      },
      'innersource.scoring.tiers[1].min must be below tiers[0].min',
    ],
    [
      {
        scoring: {
          profiles: [
            { name: 'libraries', filter: { 'spec.type': 'library' } },
            { name: 'libraries', filter: { kind: 'System' } },
          ],
        },
      },
      'innersource.scoring.profiles[1].name "libraries" is already used by profiles[0]',
    ],
    [
      { windowDays: 0 },
      'innersource.windowDays must be a whole number from 1 to 3650, got 0',
    ],
  ])(
    'does not start with an invalid innersource config: %p',
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

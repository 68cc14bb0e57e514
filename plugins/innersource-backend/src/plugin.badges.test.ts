import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { innersourcePlugin } from './plugin';

const portal = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'portal',
    namespace: 'default',
    tags: ['innersource'],
    annotations: { 'innersource/badges': 'public' },
  },
  spec: { type: 'service', owner: 'group:default/team' },
};

async function start(config: object = {}) {
  const { server } = await startTestBackend({
    features: [
      innersourcePlugin,
      catalogServiceMock.factory({ entities: [portal] }),
      mockServices.rootConfig.factory({ data: config }),
    ],
  });
  return server;
}

describe('innersource backend plugin, badges', () => {
  it('opens only the public token path to callers without credentials', async () => {
    const server = await start();
    const anonymous = (path: string) =>
      request(server)
        .get(`/api/innersource${path}`)
        .set('Authorization', mockCredentials.none.header());
    expect(
      (await anonymous(`/badges/t/${'A'.repeat(43)}/score.svg`)).status,
    ).toBe(404);
    for (const path of [
      '/badges/default/component/portal/score.svg',
      '/badges/default/component/portal',
      // under the public prefix, but a name, not a token
      '/badges/t/component/portal/score.svg',
      '/projects',
    ]) {
      expect({ path, status: (await anonymous(path)).status }).toEqual({
        path,
        status: 401,
      });
    }
  });

  it('serves a signed-in user the badges of a readable project', async () => {
    const server = await start();
    const res = await request(server)
      .get('/api/innersource/badges/default/component/portal/score.svg')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/svg+xml; charset=utf-8');
    expect(res.body.toString('utf8')).toContain('not measured');
  });

  it('does not start with a Cache-Control it could not send', async () => {
    await expect(
      start({ innersource: { badges: { cacheControl: 'max-age=1\nX: y' } } }),
    ).rejects.toThrow(
      'innersource.badges.cacheControl must be a Cache-Control header value',
    );
  });
});

import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { innersourcePlugin } from './plugin';

describe('innersource backend plugin', () => {
  it('answers the health check without credentials, for load balancers', async () => {
    const { server } = await startTestBackend({
      features: [innersourcePlugin],
    });

    const res = await request(server)
      .get('/api/innersource/health')
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });
});

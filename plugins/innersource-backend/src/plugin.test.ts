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

    await request(server)
      .get('/api/innersource/health')
      .set('Authorization', mockCredentials.none.header())
      .expect(200, { status: 'ok' });
  });
});

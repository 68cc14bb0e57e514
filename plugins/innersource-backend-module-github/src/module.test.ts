import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import innersourcePlugin from '@innersource-for-backstage/plugin-innersource-backend';
import { unavailableRepositoryMessage } from '@innersource-for-backstage/plugin-innersource-node';
import { setupServer } from 'msw/node';
import request from 'supertest';
import { FakeGithub } from './__testUtils__/FakeGithub';
import {
  fakeRepository,
  githubGraphqlHandlers,
} from './__testUtils__/fixtures';
import { innersourceModuleGithub } from './module';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'bypass' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const user = (name: string, login: string, team: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, annotations: { 'github.com/user-login': login } },
  spec: { memberOf: [team] },
});
const team = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name },
  spec: { type: 'team', children: [] },
});

const entities: Entity[] = [
  team('payments-team'),
  team('search-team'),
  user('ian', 'ian', 'payments-team'),
  user('olga', 'olga', 'search-team'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'payments',
      tags: ['innersource'],
      annotations: { 'github.com/project-slug': 'acme/payments' },
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'payments-team' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'gone',
      tags: ['innersource'],
      annotations: { 'github.com/project-slug': 'acme/gone' },
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'search-team' },
  },
];

describe('the GitHub module in a backend', () => {
  it('refreshes GitHub repositories into profiles, counting contributions from outside the owning team', async () => {
    const fake = new FakeGithub().add(
      fakeRepository('acme', 'payments', new Date()),
    );
    server.use(...githubGraphqlHandlers(fake));
    const { server: backend } = await startTestBackend({
      features: [
        innersourcePlugin,
        innersourceModuleGithub,
        catalogServiceMock.factory({ entities }),
        mockServices.rootConfig.factory({
          data: {
            integrations: { github: [{ host: 'github.com', token: 't0k' }] },
            innersource: {
              schedule: {
                frequency: { hours: 1 },
                timeout: { minutes: 5 },
                initialDelay: { seconds: 0 },
              },
            },
          },
        }),
      ],
    });

    for (const name of ['payments', 'gone']) {
      const queued = await request(backend).post(
        `/api/innersource/refresh/default/component/${name}`,
      );
      expect(queued.status).toBe(202);
    }
    const settled = async (name: string) => {
      for (let attempt = 0; ; attempt++) {
        const res = await request(backend).get(
          `/api/innersource/projects/default/component/${name}`,
        );
        if (res.body.status !== 'pending' || attempt === 100) return res.body;
        await new Promise(resolve => setTimeout(resolve, 100));
      }
    };

    const project = await settled('payments');
    expect(project).toMatchObject({
      status: 'collected',
      repository: { provider: 'github', name: 'acme/payments' },
      metrics: {
        commits: 40,
        contributors: 2,
        // olga is in search-team, not the owning payments-team
        outsideContributors: 1,
        unmappedContributors: 0,
        // the five labelled issues became tasks, two of them good first issues
        openHelpWanted: 5,
        openGoodFirstIssues: 2,
      },
    });
    const gone = await settled('gone');
    expect(gone.status).toBe('failed');
    expect(gone.errors).toEqual([
      expect.objectContaining({
        message: unavailableRepositoryMessage('github.com/acme/gone'),
      }),
    ]);
  }, 60_000);
});

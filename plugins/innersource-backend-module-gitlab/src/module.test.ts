import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import innersourcePlugin from '@innersource-for-backstage/plugin-innersource-backend';
import { unavailableRepositoryMessage } from '@innersource-for-backstage/plugin-innersource-node';
import { setupServer } from 'msw/node';
import request from 'supertest';
import { FakeGitlab } from './__testUtils__/FakeGitlab';
import { fakeProject, gitlabHandlers } from './__testUtils__/fixtures';
import { innersourceModuleGitlab } from './module';

// The test's own requests to the backend pass; GitLab's are answered by the fake.
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'bypass' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const user = (name: string, team: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, annotations: { 'gitlab.com/user-login': name } },
  spec: { profile: { email: `${name}@acme.example` }, memberOf: [team] },
});
const team = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name },
  spec: { type: 'team', children: [] },
});
const component = (name: string, slug: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    tags: ['innersource'],
    annotations: { 'gitlab.com/project-slug': slug },
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'payments-team' },
});

const entities: Entity[] = [
  team('payments-team'),
  team('search-team'),
  user('ian', 'payments-team'),
  user('olga', 'search-team'),
  component('payments', 'acme/payments'),
  component('gone', 'acme/gone'),
  component('secret', 'acme/secret'),
];

describe('the GitLab module in a backend', () => {
  it('serves GitLab entities: profiles counting contributions from outside the owning team, and a refusal for a private project', async () => {
    const now = new Date();
    const fake = new FakeGitlab().add(
      fakeProject('acme/payments', now, { id: 1 }),
      fakeProject('acme/secret', now, { id: 2, visibility: 'private' }),
    );
    server.use(...gitlabHandlers(fake));
    const { server: backend } = await startTestBackend({
      features: [
        innersourcePlugin,
        innersourceModuleGitlab,
        catalogServiceMock.factory({ entities }),
        mockServices.rootConfig.factory({
          data: {
            integrations: { gitlab: [{ host: 'gitlab.com', token: 't0k' }] },
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

    for (const name of ['payments', 'gone', 'secret']) {
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

    expect(await settled('payments')).toMatchObject({
      status: 'collected',
      repository: { provider: 'gitlab', name: 'acme/payments' },
      metrics: {
        commits: 40,
        // commit authors by email, merge request authors by gitlab.com/user-login
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
        message: unavailableRepositoryMessage('gitlab.com/acme/gone'),
      }),
    ]);
    // Nothing of the private project was collected or stored, and its
    // entity reads as one whose project does not exist.
    expect(await settled('secret')).toMatchObject({
      status: 'failed',
      score: null,
      metrics: null,
      repository: null,
      errors: [
        expect.objectContaining({
          message: unavailableRepositoryMessage('gitlab.com/acme/secret'),
        }),
      ],
    });
  }, 60_000);
});

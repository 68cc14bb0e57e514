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
  metadata: { name: 'portal', namespace: 'default', tags: ['innersource'] },
  spec: { type: 'service', owner: 'group:default/team' },
};

const ACTIONS = '/api/innersource/.backstage/actions/v1/actions';

/** The portal's backend as app-config sets it: the actions registry lists the InnerSource plugin's actions. */
async function start() {
  const { server } = await startTestBackend({
    features: [
      innersourcePlugin,
      catalogServiceMock.factory({ entities: [portal] }),
      mockServices.rootConfig.factory({
        data: { backend: { actions: { pluginSources: ['innersource'] } } },
      }),
    ],
  });
  return server;
}

describe('innersource backend plugin, actions', () => {
  it("lists the three actions with their schemas in the registry's listing", async () => {
    const server = await start();
    const res = await request(server)
      .get(ACTIONS)
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    const actions: any[] = res.body.actions;
    expect(actions.map(a => a.id).sort()).toEqual([
      'innersource:explain-project-score',
      'innersource:find-help-wanted-tasks',
      'innersource:list-innersource-projects',
    ]);
    const byName = Object.fromEntries(actions.map(a => [a.name, a]));
    for (const action of actions) {
      expect(action).toMatchObject({
        pluginId: 'innersource',
        attributes: { readOnly: true, idempotent: true, destructive: false },
        schema: {
          input: { type: 'object' },
          output: { type: 'object' },
        },
      });
    }
    expect(
      Object.keys(byName['find-help-wanted-tasks'].schema.input.properties),
    ).toEqual([
      'words',
      'skills',
      'language',
      'goodFirstIssue',
      'forMe',
      'limit',
      'cursor',
    ]);
    expect(byName['explain-project-score'].schema.input).toMatchObject({
      required: ['entityRef'],
      properties: { entityRef: { type: 'string' } },
    });
    expect(
      byName['list-innersource-projects'].schema.input.properties.sort,
    ).toMatchObject({ enum: ['score', 'activity', 'name', 'recent'] });
    expect(
      Object.keys(byName['explain-project-score'].schema.output.properties),
    ).toEqual(
      expect.arrayContaining(['score', 'tier', 'dimensions', 'failingChecks']),
    );
  });

  it('lists nothing where the portal does not name the plugin among the action sources', async () => {
    const { server } = await startTestBackend({
      features: [
        innersourcePlugin,
        catalogServiceMock.factory({ entities: [portal] }),
        mockServices.rootConfig.factory({
          data: { backend: { actions: { pluginSources: ['catalog'] } } },
        }),
      ],
    });
    const res = await request(server)
      .get(ACTIONS)
      .set('Authorization', mockCredentials.user.header());
    expect(res.body).toEqual({ actions: [] });
  });

  it("invokes an action over HTTP with the caller's credentials: a user and a service", async () => {
    const server = await start();
    const invoke = (name: string, body: object, header: string) =>
      request(server)
        .post(`${ACTIONS}/innersource:${name}/invoke`)
        .set('Authorization', header)
        .send(body);

    const explained = await invoke(
      'explain-project-score',
      { entityRef: 'component:default/portal' },
      mockCredentials.user.header(),
    );
    expect(explained.status).toBe(200);
    // nothing collected yet
    expect(explained.body.output).toMatchObject({
      entityRef: 'component:default/portal',
      status: 'pending',
      score: null,
    });

    const unknown = await invoke(
      'explain-project-score',
      { entityRef: 'component:default/nope' },
      mockCredentials.user.header(),
    );
    expect(unknown.status).toBe(404);

    const listed = await invoke(
      'list-innersource-projects',
      {},
      mockCredentials.service.header(),
    );
    expect(listed.status).toBe(200);
    expect(listed.body.output).toMatchObject({ projects: [], total: 0 });

    const forService = await invoke(
      'find-help-wanted-tasks',
      { forMe: true },
      mockCredentials.service.header(),
    );
    expect(forService.status).toBe(403);
    expect(forService.body.error.message).toContain(
      'only a user may ask for it',
    );

    const badInput = await invoke(
      'find-help-wanted-tasks',
      { limit: 0 },
      mockCredentials.user.header(),
    );
    expect(badInput.status).toBe(400);
  });

  it('refuses a caller without credentials', async () => {
    const server = await start();
    const res = await request(server)
      .get(ACTIONS)
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(401);
  });
});

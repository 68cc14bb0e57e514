import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import mcpActionsPlugin from '@backstage/plugin-mcp-actions-backend';
import innersourcePlugin from '@innersource-for-backstage/plugin-innersource-backend';
import type { AddressInfo } from 'node:net';

const portal = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'portal', namespace: 'default', tags: ['innersource'] },
  spec: { type: 'service', owner: 'group:default/team' },
};

/** One JSON-RPC call to the portal's MCP server, as an MCP client over streamable HTTP sends it. */
async function mcpCall(
  baseUrl: string,
  method: string,
  params: object,
  authorization: string,
) {
  const res = await fetch(`${baseUrl}/api/mcp-actions/v1`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Accept: 'application/json, text/event-stream',
      Authorization: authorization,
    },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  const text = await res.text();
  // the answer comes as one server-sent event
  const data = text
    .split('\n')
    .find(line => line.startsWith('data: '))
    ?.slice('data: '.length);
  return { status: res.status, body: JSON.parse(data ?? text) };
}

describe('the portal backend, for assistants', () => {
  it('serves the InnerSource actions as MCP tools: listed read-only, called by a user, forMe refused to a service', async () => {
    const { server } = await startTestBackend({
      features: [
        innersourcePlugin,
        mcpActionsPlugin,
        catalogServiceMock.factory({ entities: [portal] }),
        mockServices.rootConfig.factory({
          data: { backend: { actions: { pluginSources: ['innersource'] } } },
        }),
      ],
    });
    const baseUrl = `http://localhost:${
      (server.address() as AddressInfo).port
    }`;
    const user = mockCredentials.user.header();

    const listed = await mcpCall(baseUrl, 'tools/list', {}, user);
    expect(listed.status).toBe(200);
    const tools = listed.body.result.tools;
    expect(tools.map((t: { name: string }) => t.name).sort()).toEqual([
      'innersource.explain-project-score',
      'innersource.find-help-wanted-tasks',
      'innersource.list-innersource-projects',
    ]);
    for (const tool of tools) {
      expect(tool.annotations).toMatchObject({
        readOnlyHint: true,
        idempotentHint: true,
        destructiveHint: false,
      });
      expect(tool.inputSchema.type).toBe('object');
    }

    const called = await mcpCall(
      baseUrl,
      'tools/call',
      {
        name: 'innersource.explain-project-score',
        arguments: { entityRef: 'component:default/portal' },
      },
      user,
    );
    // not collected yet: the answer says so rather than inventing a score
    expect(called.body.result.structuredContent).toMatchObject({
      entityRef: 'component:default/portal',
      status: 'pending',
      score: null,
      failingChecks: [],
    });

    const refused = await mcpCall(
      baseUrl,
      'tools/call',
      {
        name: 'innersource.find-help-wanted-tasks',
        arguments: { forMe: true },
      },
      mockCredentials.service.header(),
    );
    expect(refused.body.result.isError).toBe(true);
    expect(refused.body.result.content[0].text).toContain(
      'NotAllowedError: forMe ranks tasks by the signed-in user',
    );

    const anonymous = await mcpCall(
      baseUrl,
      'tools/list',
      {},
      mockCredentials.none.header(),
    );
    expect(anonymous.status).toBe(401);
  });
});

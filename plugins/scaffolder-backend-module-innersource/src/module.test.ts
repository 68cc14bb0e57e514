import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import request from 'supertest';
import { scaffolderModuleInnerSource } from './module';

describe('scaffolderModuleInnerSource', () => {
  it('adds innersource:readiness:pull-request to the scaffolder, with its input and output schemas', async () => {
    const backend = await startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderModuleInnerSource,
        catalogServiceMock.factory(),
        mockServices.rootConfig.factory({
          data: {
            integrations: { github: [{ host: 'github.com', token: 't' }] },
          },
        }),
      ],
    });

    const response = await request(backend.server).get(
      '/api/scaffolder/v2/actions',
    );
    await backend.stop();

    expect(response.status).toBe(200);
    const action = response.body.find(
      (a: { id: string }) => a.id === 'innersource:readiness:pull-request',
    );
    expect(action.description).toContain(
      'Opens one GitHub pull request or GitLab merge request',
    );
    expect(action.schema.input).toMatchObject({
      type: 'object',
      required: ['entityRef'],
      properties: {
        entityRef: { type: 'string' },
        branchName: { type: 'string' },
      },
    });
    expect(Object.keys(action.schema.output.properties).sort()).toEqual([
      'files',
      'labels',
      'manual',
      'pullRequestNumber',
      'pullRequestUrl',
      'skipped',
      'summary',
    ]);
    // The whole scaffolder backend starts: slow on a shared machine.
  }, 60_000);
});

import {
  createBackendPlugin,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { searchIndexRegistryExtensionPoint } from '@backstage/plugin-search-backend-node/alpha';
import {
  readDocumentLimits,
  readSchedule,
  searchModuleInnerSource,
} from './module';

describe('searchModuleInnerSource', () => {
  it('registers the task and the project collators with the search index registry', async () => {
    const types: string[] = [];
    const search = createBackendPlugin({
      pluginId: 'search',
      register(env) {
        env.registerExtensionPoint(searchIndexRegistryExtensionPoint, {
          addCollator: ({ factory }) => {
            types.push(factory.type);
          },
          addDecorator: () => {},
        });
        env.registerInit({ deps: {}, async init() {} });
      },
    });
    await startTestBackend({
      features: [
        search,
        searchModuleInnerSource,
        mockServices.rootConfig.factory({ data: {} }),
      ],
    });
    expect(types).toEqual(['innersource-task', 'innersource-project']);
  });

  it('reads the schedule from search.collators.innersource.schedule, every 10 minutes by default', () => {
    expect(
      readSchedule(new ConfigReader({})),
    ).toEqual<SchedulerServiceTaskScheduleDefinition>({
      frequency: { minutes: 10 },
      timeout: { minutes: 15 },
      initialDelay: { seconds: 3 },
    });
    expect(
      readSchedule(
        new ConfigReader({
          search: {
            collators: {
              innersource: {
                schedule: {
                  frequency: { seconds: 20 },
                  timeout: { minutes: 5 },
                },
              },
            },
          },
        }),
      ),
    ).toEqual({ frequency: { seconds: 20 }, timeout: { minutes: 5 } });
    expect(() =>
      readSchedule(
        new ConfigReader({
          search: {
            collators: { innersource: { schedule: { frequency: 'often' } } },
          },
        }),
      ),
    ).toThrow(/^Invalid search\.collators\.innersource\.schedule: /);
  });

  it('bounds the documents of a run to 10,000 of each type by default, 0 for none, naming a bad setting', () => {
    expect(readDocumentLimits(new ConfigReader({}))).toEqual({
      tasks: 10_000,
      projects: 10_000,
    });
    expect(
      readDocumentLimits(
        new ConfigReader({
          search: {
            collators: {
              innersource: { maxTaskDocuments: 0, maxProjectDocuments: 500 },
            },
          },
        }),
      ),
    ).toEqual({ tasks: 0, projects: 500 });
    expect(() =>
      readDocumentLimits(
        new ConfigReader({
          search: { collators: { innersource: { maxTaskDocuments: -1 } } },
        }),
      ),
    ).toThrow(
      'Invalid search.collators.innersource.maxTaskDocuments: must be a whole number of documents, 0 for no limit, got -1',
    );
  });
});

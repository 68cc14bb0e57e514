/*
 * One backend replica for `yarn bench load`: Backstage's own backend with
 * the real InnerSource plugin, PostgreSQL and static-token auth, the catalog
 * faked in memory. Started by bench/load.ts; answers its RSS over IPC.
 */
import { createBackend } from '@backstage/backend-defaults';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { innersourcePlugin } from '../plugins/innersource-backend/src/plugin';
import { fakeCatalog, syntheticOrg, syntheticProjects } from './fixtures';

interface ReplicaSettings {
  port: number;
  projects: number;
  config: Record<string, any>;
}

async function main() {
  const settings: ReplicaSettings = JSON.parse(
    process.env.INNERSOURCE_LOAD_REPLICA ?? '{}',
  );
  const entities = [...syntheticOrg(), ...syntheticProjects(settings.projects)];
  const backend = createBackend();
  backend.add(
    createServiceFactory({
      service: coreServices.rootConfig,
      deps: {},
      factory: () => new ConfigReader(settings.config),
    }),
  );
  backend.add(
    createServiceFactory({
      service: catalogServiceRef,
      deps: {},
      factory: () => fakeCatalog(entities),
    }),
  );
  backend.add(innersourcePlugin);
  await backend.start();

  process.on('message', (message: { type?: string }) => {
    if (message.type !== 'rss') return;
    // What stays after a full collection: what the replica really holds.
    global.gc?.();
    global.gc?.();
    process.send!({ type: 'rss', rss: process.memoryUsage().rss });
  });
  process.on('SIGTERM', () => {
    backend.stop().finally(() => process.exit(0));
  });
  process.send!({ type: 'ready' });
}

main().catch(error => {
  process.stderr.write(`load replica failed: ${error?.stack ?? error}\n`);
  process.exit(1);
});

import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  actionsRegistryServiceRef,
  metricsServiceRef,
} from '@backstage/backend-plugin-api/alpha';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import {
  innersourcePermissions,
  parseScoringConfig,
} from '@innersource-for-backstage/plugin-innersource-common';
import {
  InnerSourceProvider,
  innersourceProvidersExtensionPoint,
} from '@innersource-for-backstage/plugin-innersource-node';
import { registerInnerSourceActions } from './actions';
import { oneReplicaAtATime, openSnapshotStore } from './database/SnapshotStore';
import { GitProvider } from './providers/git';
import { ProviderRegistry } from './refresh/ProviderRegistry';
import { RefreshJob } from './refresh/RefreshJob';
import { RefreshRequests } from './refresh/RefreshRequests';
import { BadgeStore } from './database/BadgeStore';
import { OwnerNotificationCaps } from './database/OwnerNotificationCaps';
import {
  createBadgeRouter,
  keepingBadgeTokensPublicOnly,
  PUBLIC_BADGE_PATH,
} from './service/badgeRouter';
import { readBadgeSettings } from './service/badgeSettings';
import { CatalogAccess } from './service/CatalogAccess';
import { InnerSourceQueries } from './service/InnerSourceQueries';
import { createRouter } from './service/router';
import { RefreshNotifier } from './notifications/RefreshNotifier';
import { TaskDigest } from './notifications/TaskDigest';
import { createNotificationRouter } from './service/notificationRouter';
import { readSettings, runTimeoutMs } from './settings';

/**
 * The InnerSource backend plugin: collects repository facts, scores
 * InnerSource projects and serves them at /api/innersource.
 *
 * @public
 */
export const innersourcePlugin = createBackendPlugin({
  pluginId: 'innersource',
  register(env) {
    const moduleProviders: InnerSourceProvider[] = [];
    env.registerExtensionPoint(innersourceProvidersExtensionPoint, {
      addProvider(...providers) {
        moduleProviders.push(...providers);
      },
    });

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        userInfo: coreServices.userInfo,
        auth: coreServices.auth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        discovery: coreServices.discovery,
        catalog: catalogServiceRef,
        metrics: metricsServiceRef,
        notifications: notificationService,
        signals: signalsServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
      },
      async init(deps) {
        const { config, logger, scheduler, httpRouter } = deps;
        const settings = readSettings(config);
        const badgeSettings = readBadgeSettings(config);
        const scoringBlock = config.getOptional<Record<string, unknown>>(
          'innersource.scoring',
        );
        const scoring = parseScoringConfig(scoringBlock);
        const providers = new ProviderRegistry([
          GitProvider.fromConfig(config, {
            logger: logger.child({ provider: 'git' }),
            integrations: ScmIntegrations.fromConfig(config),
          }),
          ...moduleProviders,
        ]);
        const store = await oneReplicaAtATime(deps.database, () =>
          openSnapshotStore({
            database: deps.database,
            staleTaskDays: settings.staleTaskDays,
          }),
        );
        const badgeStore = new BadgeStore(await deps.database.getClient());
        const job = new RefreshJob({
          catalog: deps.catalog,
          auth: deps.auth,
          logger,
          // a project stored as no longer public loses its badge token
          store: keepingBadgeTokensPublicOnly(
            store.writer,
            badgeStore,
            badgeSettings,
          ),
          providers,
          settings,
          scoring,
          metrics: deps.metrics,
          listener: new RefreshNotifier({
            notifications: deps.notifications,
            signals: deps.signals,
            logger,
            kinds: settings.notifications,
            cap: new OwnerNotificationCaps(await deps.database.getClient()),
          }),
        });
        const refreshRequests = new RefreshRequests({
          job,
          log: store.requests,
          logger,
          limits: settings.refresh,
          abandonAfterMs: runTimeoutMs(settings),
        });

        // the scheduler migrates its own tables on the first task: one replica at a time too
        await oneReplicaAtATime(deps.database, () =>
          scheduler.scheduleTask({
            id: 'innersource-refresh',
            ...settings.schedule,
            fn: async signal => {
              await job.run(signal);
            },
          }),
        );

        if (settings.notifications.digest.enabled) {
          const digest = new TaskDigest({
            settings: store.notificationSettings,
            reader: store.reader,
            catalog: deps.catalog,
            auth: deps.auth,
            notifications: deps.notifications,
            logger,
          });
          await scheduler.scheduleTask({
            id: 'innersource-task-digest',
            ...settings.notifications.digest.schedule,
            fn: async signal => {
              await digest.run(signal);
            },
          });
        }
        // One CatalogAccess, and so one cache of what each caller may read,
        // for the routes, the badges, the actions and the notification settings.
        const access = new CatalogAccess({
          catalog: deps.catalog,
          selector: settings.selector,
          listProjectRefs: () => store.reader.listActiveProjectRefs(),
        });
        const queries = new InnerSourceQueries({
          catalog: deps.catalog,
          userInfo: deps.userInfo,
          reader: store.reader,
          access,
        });
        httpRouter.use(
          createNotificationRouter({
            httpAuth: deps.httpAuth,
            store: store.notificationSettings,
            digestEnabled: settings.notifications.digest.enabled,
            // what the digest may rank: the projects users read at their last visit
            readableProjects: credentials =>
              access.readableProjects(credentials),
            logger,
          }),
        );

        deps.permissionsRegistry.addPermissions(innersourcePermissions);
        httpRouter.use(
          await createBadgeRouter({
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            discovery: deps.discovery,
            store: badgeStore,
            access,
            settings: badgeSettings,
          }),
        );
        httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            queries,
            catalog: deps.catalog,
            permissions: deps.permissions,
            logger,
            reader: store.reader,
            settings,
            scoring,
            scoringBlock,
            requestRefresh: (entity, requestedBy) =>
              refreshRequests.request(entity, requestedBy),
          }),
        );
        registerInnerSourceActions(deps.actionsRegistry, queries);
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
        // Public badges only; the route itself answers 404 unless the project's badges are public.
        httpRouter.addAuthPolicy({
          path: PUBLIC_BADGE_PATH,
          allow: 'unauthenticated',
        });
      },
    });
  },
});

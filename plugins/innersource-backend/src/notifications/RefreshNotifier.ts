import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { SignalsService } from '@backstage/plugin-signals-node';
import {
  INNERSOURCE_REFRESH_CHANNEL,
  projectRefreshChannel,
} from '@innersource-for-backstage/plugin-innersource-common';
import type { ChangeDetector, ProjectChange } from '../database/RefreshStore';
import type { RefreshListener } from '../refresh/RefreshJob';
import {
  ChangeKinds,
  changeNotification,
  detectProjectChanges,
} from './projectChanges';

/**
 * Tells owners of the changes a refresh claimed (Backstage notifications) and
 * open pages that projects have new data (signals). Neither failing fails
 * the refresh: the data is stored, the message is logged.
 */
export class RefreshNotifier implements RefreshListener {
  readonly detectChanges?: ChangeDetector;

  constructor(
    private readonly options: {
      notifications?: NotificationService;
      signals?: SignalsService;
      logger: LoggerService;
      kinds: ChangeKinds;
    },
  ) {
    const { kinds } = options;
    if (
      options.notifications &&
      (kinds.tierDrops || kinds.readinessRegressions)
    )
      this.detectChanges = detectProjectChanges(kinds);
  }

  async written(event: {
    entities: Map<string, Entity>;
    changes: ProjectChange[];
  }): Promise<void> {
    await Promise.all([this.notify(event), this.signal(event.entities)]);
  }

  private async notify({
    entities,
    changes,
  }: {
    entities: Map<string, Entity>;
    changes: ProjectChange[];
  }) {
    const { notifications, logger } = this.options;
    if (!notifications) return;
    for (const change of changes) {
      const entity = entities.get(change.entityRef);
      const message = entity && changeNotification(change, entity);
      if (!message) continue;
      try {
        await notifications.send(message);
      } catch (error) {
        logger.warn(
          `InnerSource: could not notify the owners of ${change.entityRef} (${change.change}): ${error}`,
        );
      }
    }
  }

  private async signal(entities: Map<string, Entity>) {
    const { signals, logger } = this.options;
    if (!signals || entities.size === 0) return;
    try {
      for (const entityRef of entities.keys()) {
        await signals.publish({
          recipients: { type: 'broadcast' },
          channel: projectRefreshChannel(entityRef),
          message: { entityRef },
        });
      }
      await signals.publish({
        recipients: { type: 'broadcast' },
        channel: INNERSOURCE_REFRESH_CHANNEL,
        // when, not what: the page refetches what its reader may read
        message: { at: new Date().toISOString() },
      });
    } catch (error) {
      logger.warn(`InnerSource: could not signal new data: ${error}`);
    }
  }
}

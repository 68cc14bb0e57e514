import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { SignalsService } from '@backstage/plugin-signals-node';
import { INNERSOURCE_REFRESH_CHANNEL } from '@innersource-for-backstage/plugin-innersource-common';
import type { ChangeDetector, ProjectChange } from '../database/RefreshStore';
import type { RefreshListener } from '../refresh/RefreshJob';
import {
  ChangeKinds,
  changeNotification,
  detectProjectChanges,
  ownerRefOf,
} from './projectChanges';

/** Counts notifications per owner and day; answers whether one more may go. */
export interface OwnerNotificationCap {
  take(ownerRef: string, at: Date): Promise<boolean>;
}

/**
 * Tells owners of the changes a refresh claimed (Backstage notifications) and
 * open pages that projects have new data (signals). Neither failing fails
 * the refresh: the data is stored, the message is logged. Catalog authors
 * choose `spec.owner`, so each owner hears at most `cap` allows a day.
 */
export class RefreshNotifier implements RefreshListener {
  readonly detectChanges?: ChangeDetector;

  constructor(
    private readonly options: {
      notifications?: NotificationService;
      signals?: SignalsService;
      logger: LoggerService;
      kinds: ChangeKinds;
      cap?: OwnerNotificationCap;
      now?: () => Date;
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
    const { notifications, logger, cap } = this.options;
    if (!notifications) return;
    const now = this.options.now?.() ?? new Date();
    for (const change of changes) {
      const entity = entities.get(change.entityRef);
      const message = entity && changeNotification(change, entity);
      if (!message) continue;
      try {
        const owner = entity && ownerRefOf(entity);
        if (cap && owner && !(await cap.take(owner, now))) {
          logger.warn(
            `InnerSource: ${owner} reached its notifications for today; not told of ${change.entityRef} (${change.change})`,
          );
          continue;
        }
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
      // One channel, no project named: open pages refetch what their reader may read.
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

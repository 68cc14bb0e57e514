import type { Knex } from 'knex';
import {
  DAY_MS,
  lowerRef,
} from '@innersource-for-backstage/plugin-innersource-common';

const TABLE = 'innersource_owner_notification_days';
/** Days of counts kept: today's is the only one read. */
const KEEP_DAYS = 3;

/** Notifications one owner (a group or user) is sent a day, at most. */
export const OWNER_NOTIFICATIONS_PER_DAY = 10;

const dayOf = (at: Date) => at.toISOString().slice(0, 10);

/**
 * How many notifications each owner was sent per UTC day, counted over
 * every replica: `take` answers whether one more may go.
 */
export class OwnerNotificationCaps {
  constructor(
    private readonly db: Knex,
    private readonly perOwnerPerDay = OWNER_NOTIFICATIONS_PER_DAY,
  ) {}

  /** Counts one notification to `ownerRef` at `at` if the owner is under the cap that day. */
  async take(ownerRef: string, at: Date): Promise<boolean> {
    const owner = lowerRef(ownerRef).slice(0, 255);
    const day = dayOf(at);
    await this.db(TABLE)
      .where('day', '<', dayOf(new Date(at.getTime() - KEEP_DAYS * DAY_MS)))
      .delete();
    await this.db(TABLE)
      .insert({ owner_ref: owner, day, sent: 0 })
      .onConflict(['owner_ref', 'day'])
      .ignore();
    // One statement: two replicas sending at once cannot both take the last one.
    const updated = await this.db(TABLE)
      .where({ owner_ref: owner, day })
      .andWhere('sent', '<', this.perOwnerPerDay)
      .increment('sent', 1);
    return Number(updated) === 1;
  }
}

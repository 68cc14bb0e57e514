import { lowerRef } from '@innersource-for-backstage/plugin-innersource-common';
import type { Knex } from 'knex';

/** What one user asked to be told. */
export interface UserNotificationSettings {
  /** The digest of new help-wanted tasks matching their skills. */
  digest: boolean;
}

/** A user the digest is due for, and since when tasks count as new for them. */
export interface DueDigest {
  userRef: string;
  /** When their last digest went out; undefined before the first. */
  lastDigestAt?: string;
  /** The projects they could read at their last signed-in visit, and when that was. */
  readable?: { refs: string[]; at: string };
}

function readableOf(row: {
  readable_refs?: string | null;
  readable_at?: string | null;
}): DueDigest['readable'] {
  if (!row.readable_refs || !row.readable_at) return undefined;
  try {
    const refs = JSON.parse(row.readable_refs);
    return Array.isArray(refs) &&
      refs.every((ref: unknown) => typeof ref === 'string')
      ? { refs, at: row.readable_at }
      : undefined;
  } catch {
    return undefined;
  }
}

/** The `innersource_notification_settings` table: users' choices and their last digest. */
export class NotificationSettingsStore {
  constructor(private readonly db: Knex) {}

  async get(userRef: string): Promise<UserNotificationSettings> {
    const row = await this.db('innersource_notification_settings')
      .where({ user_ref: lowerRef(userRef) })
      .first('digest');
    return { digest: Boolean(row?.digest) };
  }

  /** When the user's readable projects were last remembered; undefined when never (or no digest). */
  async readableAt(userRef: string): Promise<string | undefined> {
    const row = await this.db('innersource_notification_settings')
      .where({ user_ref: lowerRef(userRef), digest: true })
      .first('readable_at');
    return row?.readable_at ?? undefined;
  }

  /**
   * Remembers the projects a signed-in user may read, for their digest: only
   * for users who asked for it. Answers whether it was remembered.
   */
  async rememberReadable(
    userRef: string,
    refs: string[],
    at: Date,
  ): Promise<boolean> {
    const updated = await this.db('innersource_notification_settings')
      .where({ user_ref: lowerRef(userRef), digest: true })
      .update({
        readable_refs: JSON.stringify(refs),
        readable_at: at.toISOString(),
      });
    return Number(updated) === 1;
  }

  async set(
    userRef: string,
    settings: UserNotificationSettings,
    at: Date,
  ): Promise<UserNotificationSettings> {
    await this.db('innersource_notification_settings')
      .insert({
        user_ref: lowerRef(userRef),
        digest: settings.digest,
        updated_at: at.toISOString(),
      })
      .onConflict('user_ref')
      .merge(['digest', 'updated_at']);
    return this.get(userRef);
  }

  /** Users who asked for the digest and had none since `before`, a page at a time. */
  async *dueDigests(before: Date, pageSize = 200): AsyncGenerator<DueDigest[]> {
    let after = '';
    for (;;) {
      const rows = await this.db('innersource_notification_settings')
        .select('user_ref', 'last_digest_at', 'readable_refs', 'readable_at')
        .where({ digest: true })
        .andWhere('user_ref', '>', after)
        .andWhere(q =>
          q
            .whereNull('last_digest_at')
            .orWhere('last_digest_at', '<', before.toISOString()),
        )
        .orderBy('user_ref')
        .limit(pageSize);
      if (rows.length === 0) return;
      yield rows.map(row => {
        const readable = readableOf(row);
        return {
          userRef: row.user_ref,
          ...(row.last_digest_at ? { lastDigestAt: row.last_digest_at } : {}),
          ...(readable ? { readable } : {}),
        };
      });
      after = rows[rows.length - 1].user_ref;
    }
  }

  /**
   * Marks the user's digest as sent at `at`, only if nobody did since `due`
   * was read and they still want it: answers whether this caller may send it.
   */
  async claimDigest(due: DueDigest, at: Date): Promise<boolean> {
    const updated = await this.db('innersource_notification_settings')
      .where({ user_ref: due.userRef, digest: true })
      .andWhere(q =>
        due.lastDigestAt
          ? q.where('last_digest_at', due.lastDigestAt)
          : q.whereNull('last_digest_at'),
      )
      .update({ last_digest_at: at.toISOString() });
    return Number(updated) === 1;
  }
}

/**
 * The signals channel an open help-wanted page listens on: a refresh stored
 * new data. Its messages name no project.
 *
 * @public
 */
export const INNERSOURCE_REFRESH_CHANNEL = 'innersource:refresh';

/**
 * The signals channel of one project's new data, for its open InnerSource
 * tab: one per project rather than refs in a broadcast, so nobody learns the
 * name of a project they may not read.
 *
 * @public
 */
export function projectRefreshChannel(entityRef: string): string {
  return `${INNERSOURCE_REFRESH_CHANNEL}:${entityRef.toLocaleLowerCase(
    'en-US',
  )}`;
}

/**
 * `GET` and `PUT /api/innersource/notifications/settings`: the calling user's
 * notification choices.
 *
 * @public
 */
export interface NotificationSettings {
  /** A digest, at most daily, of new help-wanted tasks matching the user's skills. */
  digest: boolean;
  /** Whether the portal sends digests at all (`innersource.notifications.digest.enabled`); read-only. */
  digestAvailable: boolean;
}

/**
 * The signals channel open InnerSource pages listen on (the help-wanted
 * page, an entity's InnerSource tab): a refresh stored new data. Its
 * messages name no project, and there is no channel per project: any user
 * may subscribe to any channel, so one named by a project would tell whoever
 * guesses a name that it exists and changes.
 *
 * @public
 */
export const INNERSOURCE_REFRESH_CHANNEL = 'innersource:refresh';

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

import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import { DAY_MS } from '@innersource-for-backstage/plugin-innersource-common';
import type {
  DueDigest,
  NotificationSettingsStore,
} from '../database/NotificationSettingsStore';
import type { ProjectReader } from '../database/ProjectReader';
import { loadMatchProfileOf } from '../service/matchProfile';

/** Where "For me" is: the help-wanted page ranked by the user's skills. */
export const FOR_ME_PATH = '/innersource/help-wanted?forMe=true&sort=match';

/** The first digest looks this far back; later ones look back to the one before. */
const FIRST_DIGEST_DAYS = 1;
/** Tasks looked at per user: the best-ranked first, as For me ranks them. */
const TASKS_LOOKED_AT = 100;
/**
 * How long the projects a user could read at their last signed-in visit
 * stand for what they may read: after that, no digest until they visit.
 */
export const READABLE_KEPT_DAYS = 5;

export interface TaskDigestOptions {
  settings: NotificationSettingsStore;
  reader: ProjectReader;
  catalog: CatalogService;
  auth: AuthService;
  notifications: NotificationService;
  logger: LoggerService;
  now?: () => Date;
}

/**
 * The digest of new help-wanted tasks that match a user's skills, for users
 * who asked for it: at most one a day each, only when a task opened since the
 * last one matches, and under one scope per user, so a new digest replaces
 * the one before (read or not) rather than adding to it.
 *
 * It runs without the user's credentials, so it cannot ask the catalog what
 * they may read: it ranks only tasks of the projects they could read at
 * their last signed-in visit (remembered by the settings routes, for
 * `READABLE_KEPT_DAYS`; a project hidden from them since counts until they
 * visit again or that time runs out, and without a recent visit there is no
 * digest), and it names no task, project or count, only the user's own
 * skills that new tasks ask for, linking to For me, which lists them under
 * the user's own read access.
 */
export class TaskDigest {
  constructor(private readonly options: TaskDigestOptions) {}

  private now() {
    return this.options.now?.() ?? new Date();
  }

  /** Sends the digests that are due; answers how many went out. */
  async run(signal?: AbortSignal): Promise<number> {
    const now = this.now();
    let sent = 0;
    for await (const page of this.options.settings.dueDigests(
      new Date(now.getTime() - DAY_MS),
    )) {
      for (const due of page) {
        if (signal?.aborted) return sent;
        try {
          if (await this.send(due, now)) sent += 1;
        } catch (error) {
          this.options.logger.warn(
            `InnerSource: the task digest for ${due.userRef} failed: ${error}`,
          );
        }
      }
    }
    return sent;
  }

  /** The user's skills that tasks opened since their last digest ask for, best match first. */
  async matchingSkills(due: DueDigest, now: Date): Promise<string[]> {
    const { catalog, auth, reader } = this.options;
    const since = due.lastDigestAt
      ? Date.parse(due.lastDigestAt)
      : now.getTime() - FIRST_DIGEST_DAYS * DAY_MS;
    const readable = due.readable;
    if (
      !readable ||
      readable.refs.length === 0 ||
      !(Date.parse(readable.at) > now.getTime() - READABLE_KEPT_DAYS * DAY_MS)
    ) {
      return [];
    }
    const profile = await loadMatchProfileOf(
      catalog,
      await auth.getOwnServiceCredentials(),
      due.userRef,
    );
    if (!profile || profile.skills.length === 0) return [];
    const days = Math.min(
      3650,
      Math.max(1, Math.ceil((now.getTime() - since) / DAY_MS)),
    );
    const list = await reader.searchTasks(
      {
        forMe: true,
        sort: 'match',
        updatedWithinDays: days,
        limit: TASKS_LOOKED_AT,
        facets: false,
      },
      readable.refs,
      profile,
    );
    const skills = new Map<string, string>();
    for (const task of list.items) {
      if (Date.parse(task.createdAt) <= since) continue;
      for (const skill of task.matchedSkills ?? []) {
        const key = skill.toLocaleLowerCase('en-US');
        if (!skills.has(key)) skills.set(key, skill);
      }
    }
    return [...skills.values()];
  }

  private async send(due: DueDigest, now: Date): Promise<boolean> {
    const skills = await this.matchingSkills(due, now);
    if (skills.length === 0) return false;
    // Another replica, or a digest sent since this one was read, wins: nothing goes twice.
    if (!(await this.options.settings.claimDigest(due, now))) return false;
    await this.options.notifications.send({
      recipients: { type: 'entity', entityRef: due.userRef },
      payload: {
        title: 'New help-wanted tasks match your skills',
        description: `Tasks opened since ${
          due.lastDigestAt ? 'your last digest' : 'yesterday'
        } ask for ${skills.join(', ')}. See them under For me.`,
        link: FOR_ME_PATH,
        topic: 'InnerSource',
        severity: 'low',
        scope: `innersource:digest:${due.userRef}`,
      },
    });
    return true;
  }
}

import type {
  BackstageCredentials,
  BackstageUserPrincipal,
  HttpAuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { HOUR_MS } from '@innersource-for-backstage/plugin-innersource-common';
import { InputError } from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import type { NotificationSettingsStore } from '../database/NotificationSettingsStore';

export interface NotificationRouterOptions {
  httpAuth: HttpAuthService;
  store: NotificationSettingsStore;
  /** Whether the portal sends digests at all (`innersource.notifications.digest.enabled`). */
  digestEnabled: boolean;
  /**
   * The projects the signed-in caller may read: remembered for their digest
   * at each visit (the help-wanted page reads these settings), at most hourly.
   */
  readableProjects?(credentials: BackstageCredentials): Promise<string[]>;
  logger?: LoggerService;
  now?: () => Date;
}

/** How often a user's readable projects are remembered again for their digest. */
const REMEMBER_READABLE_EVERY_MS = HOUR_MS;

const settingsBody = z.strictObject({
  digest: z.boolean({
    error: issue =>
      issue.input === undefined
        ? 'is required: true or false'
        : 'must be true or false',
  }),
});

/** What the settings routes answer: the user's choice, and whether the portal sends digests. */
export interface NotificationSettingsAnswer {
  digest: boolean;
  digestAvailable: boolean;
}

/** GET and PUT /notifications/settings: the calling user's own notification choices. */
export function createNotificationRouter(
  options: NotificationRouterOptions,
): express.Router {
  const { httpAuth, store, digestEnabled } = options;
  const now = () => options.now?.() ?? new Date();
  // The digest runs without the user's credentials: what they may read is
  // taken from their visits, and never stands for more than that.
  const rememberReadable = async (
    credentials: BackstageCredentials<BackstageUserPrincipal>,
  ) => {
    if (!digestEnabled || !options.readableProjects) return;
    const userRef = credentials.principal.userEntityRef;
    try {
      const last = await store.readableAt(userRef);
      if (
        last &&
        Date.parse(last) > now().getTime() - REMEMBER_READABLE_EVERY_MS
      )
        return;
      await store.rememberReadable(
        userRef,
        await options.readableProjects(credentials),
        now(),
      );
    } catch (error) {
      options.logger?.warn(
        `InnerSource: could not remember what ${userRef} may read for their digest: ${error}`,
      );
    }
  };
  const router = Router();
  router.use('/notifications', express.json());

  router.get('/notifications/settings', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const settings = await store.get(credentials.principal.userEntityRef);
    if (settings.digest) await rememberReadable(credentials);
    const answer: NotificationSettingsAnswer = {
      ...settings,
      digestAvailable: digestEnabled,
    };
    res.json(answer);
  });

  router.put('/notifications/settings', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const parsed = settingsBody.safeParse(req.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue.path.length ? issue.path.join('.') : 'body';
      throw new InputError(
        issue.code === 'unrecognized_keys'
          ? `unknown setting ${issue.keys.join(', ')}: only digest is known`
          : `${where}: ${issue.message}`,
      );
    }
    const settings = await store.set(
      credentials.principal.userEntityRef,
      parsed.data,
      now(),
    );
    if (settings.digest) await rememberReadable(credentials);
    const answer: NotificationSettingsAnswer = {
      ...settings,
      digestAvailable: digestEnabled,
    };
    res.json(answer);
  });

  return router;
}

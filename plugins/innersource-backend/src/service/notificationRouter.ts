import type { HttpAuthService } from '@backstage/backend-plugin-api';
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
  now?: () => Date;
}

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
  const router = Router();
  router.use('/notifications', express.json());

  router.get('/notifications/settings', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const settings = await store.get(credentials.principal.userEntityRef);
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
      options.now?.() ?? new Date(),
    );
    const answer: NotificationSettingsAnswer = {
      ...settings,
      digestAvailable: digestEnabled,
    };
    res.json(answer);
  });

  return router;
}

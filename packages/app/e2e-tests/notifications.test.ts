import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { APIRequestContext, expect, Page, test } from '@playwright/test';
import { axeViolations } from './axe';
import { signInAsGuest } from './signIn';

// The payment gateway reads a local git repository that
// scripts/example-repositories.mjs builds (examples/entities.yaml) and is
// owned by the payments team, of which the guest is a member
// (examples/org.yaml): the guest hears what its owners hear.
const PROJECT = {
  path: 'default/component/payment-gateway',
  tab: '/catalog/default/component/payment-gateway/innersource',
  repository: path.resolve(
    __dirname,
    '../../../examples/repositories/payment-gateway',
  ),
};
/** What the owners are told when the contribution guidelines go. */
const NOTIFICATION_TITLE =
  'Payment gateway: readiness check "Contribution guidelines" fails';
/** What they are told when that also drops the project's tier. */
const TIER_DROP_TITLE = 'Payment gateway: InnerSource tier dropped from';
/** The commit this spec adds to the repository and takes away again. */
const REMOVAL_MESSAGE = 'Remove the contribution guidelines (e2e)';

const BACKEND = 'http://localhost:7007';
const DATA_TIMEOUT = 180_000;

/** git in the example repository, with no user or system config. */
function git(args: string[], env: Record<string, string> = {}): string {
  return execFileSync('git', args, {
    cwd: PROJECT.repository,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_TERMINAL_PROMPT: '0',
      ...env,
    },
  }).trim();
}

/**
 * Commits the removal of CONTRIBUTING.md as one of the owners, dated as the
 * repository's last commit: the same commit every run, and the project's
 * activity as it was (only the readiness changes).
 */
function removeContributingGuidelines() {
  const date = git(['log', '-1', '--format=%cI']);
  const person = {
    GIT_AUTHOR_NAME: 'Bob Bianchi',
    GIT_AUTHOR_EMAIL: 'bob@acme.example',
    GIT_COMMITTER_NAME: 'Bob Bianchi',
    GIT_COMMITTER_EMAIL: 'bob@acme.example',
  };
  git(['rm', '--quiet', 'CONTRIBUTING.md']);
  git(['commit', '--quiet', '-m', REMOVAL_MESSAGE], {
    ...person,
    GIT_AUTHOR_DATE: date,
    GIT_COMMITTER_DATE: date,
  });
}

/** The guest's Backstage token, as the portal's sign-in page obtains it. */
async function guestToken(request: APIRequestContext): Promise<string> {
  const response = await request.get(
    `${BACKEND}/api/auth/guest/refresh?env=development`,
    { headers: { 'x-requested-with': 'XMLHttpRequest' } },
  );
  expect(response.status()).toBe(200);
  return (await response.json()).backstageIdentity.token;
}

type StoredProject = {
  score: number;
  tier: { name: string };
  readiness: Array<{ id: string; passed: boolean }>;
};

/** The project as the backend stores it, read with the suite's service token; undefined until collected. */
async function storedProject(
  request: APIRequestContext,
): Promise<StoredProject | undefined> {
  const response = await request
    .get(`${BACKEND}/api/innersource/projects/${PROJECT.path}`, {
      headers: { authorization: `Bearer ${process.env.E2E_SERVICE_TOKEN}` },
    })
    // the dev backend restarts when a source file changes
    .catch(() => undefined);
  if (!response?.ok()) return undefined;
  const project = await response.json();
  return project.status === 'collected' ? project : undefined;
}

/** Whether the stored project passes its contribution guidelines check. */
async function contributingPassed(
  request: APIRequestContext,
): Promise<boolean | undefined> {
  return (await storedProject(request))?.readiness.find(
    check => check.id === 'contributing',
  )?.passed;
}

/**
 * Waits until the stored check reads `passed`, asking for a refresh of the
 * project as the guest now (unless one was just asked for) and again while a
 * refresh queued before the repository changed may have been the one to run.
 */
async function refreshUntil(
  request: APIRequestContext,
  passed: boolean,
  { asked = false } = {},
) {
  const token = await guestToken(request);
  let lastAsked = asked ? Date.now() : 0;
  await expect
    .poll(
      async () => {
        const now = await contributingPassed(request);
        if (now === passed || Date.now() - lastAsked < 30_000) return now;
        lastAsked = Date.now();
        await request
          .post(`${BACKEND}/api/innersource/refresh/${PROJECT.path}`, {
            headers: { authorization: `Bearer ${token}` },
          })
          .catch(() => undefined);
        return now;
      },
      { timeout: DATA_TIMEOUT, intervals: [2_000] },
    )
    .toBe(passed);
}

/**
 * Puts the repository back as scripts/example-repositories.mjs built it (also
 * after a run that stopped half-way) and the stored project with it.
 */
async function restoreRepository(request: APIRequestContext) {
  if (git(['log', '-1', '--format=%s']) !== REMOVAL_MESSAGE) return;
  git(['reset', '--quiet', '--hard', 'HEAD^']);
  await refreshUntil(request, true);
}

/** Marks the guest's earlier notifications of these changes read, so only a new send shows them unread. */
async function markEarlierNotificationsRead(request: APIRequestContext) {
  const headers = { authorization: `Bearer ${await guestToken(request)}` };
  const response = await request.get(
    `${BACKEND}/api/notifications/notifications?read=false&limit=100`,
    { headers },
  );
  expect(response.status()).toBe(200);
  const ids = (
    (await response.json()).notifications as Array<{
      id: string;
      payload: { title: string };
    }>
  )
    .filter(
      n =>
        n.payload.title === NOTIFICATION_TITLE ||
        n.payload.title.startsWith(TIER_DROP_TITLE),
    )
    .map(n => n.id);
  if (ids.length === 0) return;
  const update = await request.post(
    `${BACKEND}/api/notifications/notifications/update`,
    { headers, data: { ids, read: true } },
  );
  expect(update.status()).toBe(200);
}

async function openNotifications(page: Page) {
  await page.goto('/notifications');
  await expect(
    page.getByRole('heading', { name: /^Unread notifications \(\d+\)$/ }),
  ).toBeVisible();
}

test.describe('owner notifications', () => {
  test.beforeEach(async ({ request }) => {
    test.setTimeout(3 * DATA_TIMEOUT + 60_000);
    expect(
      process.env.E2E_SERVICE_TOKEN,
      'E2E_SERVICE_TOKEN is set by playwright.config.ts',
    ).toBeTruthy();
    await restoreRepository(request);
    // the first refresh has collected the project, its guidelines in place
    await expect
      .poll(() => contributingPassed(request), {
        timeout: DATA_TIMEOUT,
        intervals: [2_000],
      })
      .toBe(true);
    await markEarlierNotificationsRead(request);
  });

  test.afterEach(async ({ request }) => {
    test.setTimeout(DATA_TIMEOUT + 30_000);
    await restoreRepository(request);
  });

  test('a refresh that finds a readiness check failing (and the tier dropped) tells the owners on the notifications page', async ({
    page,
    request,
  }, testInfo) => {
    await signInAsGuest(page);
    await openNotifications(page);
    await expect(
      page.getByRole('link', { name: NOTIFICATION_TITLE }),
    ).toHaveCount(0);

    const before = (await storedProject(request))!;
    removeContributingGuidelines();

    // the owners' own refresh button on the InnerSource tab
    await page.goto(PROJECT.tab);
    await page.getByRole('button', { name: 'Refresh now' }).click();
    await expect(
      page.getByText(/^Refresh (queued|already queued); reload in a moment\.$/),
    ).toBeVisible();
    await refreshUntil(request, false, { asked: true });
    const after = (await storedProject(request))!;

    // sent once the refresh's write has committed, just after the data is stored
    const title = page.getByRole('link', { name: NOTIFICATION_TITLE });
    await expect(async () => {
      await openNotifications(page);
      await expect(title).toBeVisible({ timeout: 5_000 });
    }).toPass({ timeout: 60_000 });
    await expect(title).toHaveAttribute('href', PROJECT.tab);
    const notification = page
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name: NOTIFICATION_TITLE }) });
    await expect(notification).toContainText(
      'It passed at the last refresh and fails now.',
    );
    await expect(notification).toContainText('Add a CONTRIBUTING.md');
    await expect(notification).toContainText('InnerSource');

    // and of a tier drop exactly when the stored tier dropped (the example
    // gateway's score falls from Thriving to Growing without the guidelines)
    const tierDrop = page.getByRole('link', { name: TIER_DROP_TITLE });
    if (after.tier.name !== before.tier.name && after.score < before.score) {
      await expect(tierDrop).toHaveText(
        `${TIER_DROP_TITLE} ${before.tier.name} to ${after.tier.name}`,
      );
      await expect(tierDrop).toHaveAttribute('href', PROJECT.tab);
      await expect(
        page.getByRole('row').filter({ has: tierDrop }),
      ).toContainText(
        `Its InnerSource score went from ${before.score} to ${after.score}.`,
      );
    } else {
      await expect(tierDrop).toHaveCount(0);
    }
    await page.screenshot({
      path: testInfo.outputPath('notification-readiness-regression.png'),
      fullPage: true,
    });
    // the rows the notifications say, not the header of Backstage's own
    // table (draggable column headers axe finds unnamed and nested)
    expect(await axeViolations(page, 'article tbody')).toEqual([]);

    // the link leads to the tab that shows the failing check
    await title.click();
    await expect(page).toHaveURL(new RegExp(`${PROJECT.tab}$`));
    await expect(
      page
        .getByTestId('readiness-contributing')
        .getByRole('img', { name: 'failed' }),
    ).toBeVisible();
  });
});

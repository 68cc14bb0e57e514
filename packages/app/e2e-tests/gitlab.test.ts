import { expect, test } from '@playwright/test';
import { openWholeCatalog, sidebar, signInAsGuest } from './signIn';

// The backend collects examples/gitlab.yaml's project from the fake
// self-managed GitLab that playwright.config.ts starts
// (plugins/innersource-backend-module-gitlab/dev/fakeGitlabServer.ts), and the
// GitHub projects from the fake GitHub.
const GITLAB_TASKS = {
  receipts: 'Show the order number on printable receipts',
  // carries only the entity's own label: GitLab's label filter is all-of
  currency: 'Format prices in the shopper’s currency',
};
const GITHUB_TASK = 'Add unit tests for the kubectl events printer';

test("a GitLab project's profile, and its help-wanted tasks beside GitHub's", async ({
  page,
}, testInfo) => {
  test.setTimeout(240_000);
  await signInAsGuest(page);
  await openWholeCatalog(page);
  await page.getByRole('link', { name: 'Checkout web' }).click();
  await expect(page).toHaveURL(/\/catalog\/default\/component\/checkout-web/);

  // The first refresh starts seconds after the backend: reload until the
  // profile has been collected.
  const score = page.getByTestId('innersource-score');
  await expect(async () => {
    await page.reload();
    await expect(score).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 180_000 });
  await expect(score).toHaveText(/^\d{1,3}$/);
  // 30 commits in the window, by Bob and Carol of the owning payments team
  // (mapped by email, and Bob's merge requests by gitlab.com/user-login)
  await expect(page.getByTestId('innersource-metric-commits')).toHaveText('30');
  await expect(page.getByTestId('innersource-metric-contributors')).toHaveText(
    '2',
  );
  await page.screenshot({
    path: testInfo.outputPath('gitlab-profile-card.png'),
    fullPage: true,
  });

  // The InnerSource tab: GitLab's CODEOWNERS and issue templates live in .gitlab/.
  await page
    .getByRole('link', { name: 'InnerSource', exact: true })
    .and(page.locator('[href$="/checkout-web/innersource"]'))
    .click();
  for (const check of ['codeowners', 'issueTemplates'])
    await expect(
      page
        .getByTestId(`readiness-${check}`)
        .getByRole('img', { name: 'passed' }),
    ).toBeVisible();
  const tasks = page.getByTestId('innersource-tab-tasks');
  await expect(tasks.getByText(GITLAB_TASKS.receipts)).toBeVisible();
  await expect(tasks.getByText(GITLAB_TASKS.currency)).toBeVisible();
  await page.screenshot({
    path: testInfo.outputPath('gitlab-profile-tab.png'),
    fullPage: true,
  });

  // The help-wanted marketplace lists GitLab's tasks beside GitHub's, each
  // linking to its forge.
  await sidebar(page)
    .getByRole('link', { name: 'InnerSource', exact: true })
    .click();
  await page.getByRole('tab', { name: 'Help wanted' }).click();
  await expect(page).toHaveURL(/\/innersource\/help-wanted$/);
  const rows = page.getByTestId('task-row');
  await expect(rows.filter({ hasText: GITHUB_TASK })).toHaveCount(1);
  const receipts = rows.filter({ hasText: GITLAB_TASKS.receipts });
  await expect(receipts).toHaveCount(1);
  await expect(
    receipts.getByRole('link', { name: GITLAB_TASKS.receipts }),
  ).toHaveAttribute(
    'href',
    'https://gitlab.acme.example/payments/checkout-web/-/issues/12',
  );
  await expect(receipts.getByText('Checkout web')).toBeVisible();
  await expect(rows.filter({ hasText: GITLAB_TASKS.currency })).toHaveCount(1);
  await page.screenshot({
    path: testInfo.outputPath('gitlab-help-wanted.png'),
    fullPage: true,
  });
});

import { expect, Page, test } from '@playwright/test';
import { sidebar, signInAsGuest } from './signIn';

// The backend collects these from the fake GitHub that playwright.config.ts
// starts (plugins/innersource-backend-module-github/dev/fakeGithubServer.ts).
const E2E_TASKS = {
  facets: 'Page through the entity facets of the catalog API',
  columns: 'Let the scaffolder task list show custom columns',
  link: 'Fix the broken link in the TechDocs README',
  printer: 'Add unit tests for the kubectl events printer',
};
// And two from the fake GitLab (gitlab.test.ts), of the guest's own team.
const GITLAB_TASK = 'Show the order number on printable receipts';
const GITLAB_TASK_COUNT = 2;

async function openHelpWanted(page: Page) {
  await sidebar(page)
    .getByRole('link', { name: 'InnerSource', exact: true })
    .click();
  await page.getByRole('tab', { name: 'Help wanted' }).click();
  await expect(page).toHaveURL(/\/innersource\/help-wanted$/);
  // The first refresh starts seconds after the backend: wait for its tasks.
  await expect(async () => {
    await page.reload();
    await expect(page.getByText(E2E_TASKS.printer)).toBeVisible({
      timeout: 5_000,
    });
    await expect(page.getByText(GITLAB_TASK)).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 120_000 });
}

const taskTitles = (page: Page) =>
  page
    .getByTestId('task-row')
    .locator('.MuiTypography-subtitle1')
    .allInnerTexts();

test('an engineer searches the help-wanted tasks, narrows them by a facet and shares the link', async ({
  page,
  context,
}, testInfo) => {
  test.setTimeout(240_000);
  await signInAsGuest(page);
  await openHelpWanted(page);
  await expect(page.getByTestId('task-row')).toHaveCount(4 + GITLAB_TASK_COUNT);
  await expect(
    page
      .getByTestId('projects-asking-for-help')
      .getByText('Payment method adapters'),
  ).toBeVisible();
  await page.screenshot({
    path: testInfo.outputPath('help-wanted.png'),
    fullPage: true,
  });

  const search = page.getByRole('textbox', {
    name: 'Search help-wanted tasks',
  });
  await search.fill('facets');
  await search.press('Enter');
  await expect(page).toHaveURL(/[?&]q=facets/);
  await expect.poll(() => taskTitles(page)).toEqual([E2E_TASKS.facets]);

  await search.fill('');
  await search.press('Enter');
  await page
    .getByRole('checkbox', { name: /^good first issue \(2\)$/ })
    .check();
  await expect(page).toHaveURL(/[?&]label=good\+first\+issue/);
  await expect
    .poll(async () => (await taskTitles(page)).sort())
    .toEqual([E2E_TASKS.link, E2E_TASKS.printer].sort());
  const filtered = await taskTitles(page);

  const shared = await context.newPage();
  await shared.goto(page.url());
  await expect(shared.getByTestId('task-row')).toHaveCount(2);
  expect(await taskTitles(shared)).toEqual(filtered);
  await expect(
    shared.getByRole('checkbox', { name: /^good first issue \(2\)$/ }),
  ).toBeChecked();
  await shared.screenshot({
    path: testInfo.outputPath('help-wanted-shared-link.png'),
    fullPage: true,
  });

  // The guest (examples/org.yaml) knows typescript and go and is in the
  // payments team: "for me" ranks the good first issues of Backstage
  // (typescript) and Kubernetes (go), ...
  await shared.getByRole('checkbox', { name: 'For me', exact: true }).check();
  await expect(shared).toHaveURL(/[?&]forMe=true/);
  await expect(shared.getByTestId('for-me-note')).toContainText(
    'Ranked by your skills: typescript, go.',
  );
  await expect
    .poll(async () => (await taskTitles(shared)).sort())
    .toEqual([E2E_TASKS.link, E2E_TASKS.printer].sort());
  await expect(shared.getByText('matches your skills: go')).toBeVisible();
  // ... and, with every label, leaves out the tasks of its own team's GitLab project.
  await shared
    .getByRole('checkbox', { name: /^good first issue \(2\)$/ })
    .uncheck();
  await expect
    .poll(async () => (await taskTitles(shared)).sort())
    .toEqual(Object.values(E2E_TASKS).sort());
  await expect(shared.getByText(GITLAB_TASK)).toHaveCount(0);
  await shared.screenshot({
    path: testInfo.outputPath('help-wanted-for-me.png'),
    fullPage: true,
  });
});

test("Backstage's search finds a help-wanted task by its title", async ({
  page,
}, testInfo) => {
  test.setTimeout(240_000);
  await signInAsGuest(page);
  // The collator indexes on its schedule (every 20 s in the browser suite).
  await expect(async () => {
    await page.goto('/search?query=entity%20facets');
    await expect(
      page.getByRole('link', { name: E2E_TASKS.facets }),
    ).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 180_000 });
  await page.screenshot({
    path: testInfo.outputPath('search-task.png'),
    fullPage: true,
  });

  // "Help wanted" among the result types narrows the search to tasks.
  await page.getByRole('button', { name: /^Help wanted/ }).click();
  await expect(page).toHaveURL(/types%5B%5D=innersource-task/);
  await expect(
    page.getByRole('link', { name: E2E_TASKS.facets }),
  ).toBeVisible();
  await expect(page.getByTestId('innersource-search-result')).toHaveCount(1);
});

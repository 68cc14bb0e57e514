import fs from 'node:fs';
import { expect, Page, test } from '@playwright/test';
import { axeViolations } from './axe';
import { sidebar, signInAsGuest } from './signIn';

async function openDirectory(page: Page) {
  await sidebar(page)
    .getByRole('link', { name: 'InnerSource', exact: true })
    .click();
  await page.getByRole('tab', { name: 'Projects' }).click();
  await expect(page).toHaveURL(/\/innersource\/projects/);
  // The first refresh starts seconds after the backend: wait for its tiers.
  await expect(async () => {
    await page.reload();
    await expect(
      page.getByRole('group', { name: 'Tiers' }).getByRole('checkbox').first(),
    ).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 120_000 });
}

test('an engineer browses the project directory: filters by tier, switches views and exports CSV', async ({
  page,
}, testInfo) => {
  test.setTimeout(240_000);
  await signInAsGuest(page);
  await openDirectory(page);
  await expect(page.getByTestId('project-directory')).toBeVisible();
  expect(
    await axeViolations(
      page,
      '[data-testid="project-facets"]',
      '[data-testid="project-directory"]',
    ),
  ).toEqual([]);
  await page.screenshot({
    path: testInfo.outputPath('directory.png'),
    fullPage: true,
  });

  const tiers = page.getByRole('group', { name: 'Tiers' });
  const firstTier = tiers.getByRole('checkbox').first();
  const label = (await tiers.locator('label').first().innerText()).trim();
  const [, tier, count] = /^(.+) \((\d+)\)$/.exec(label)!;
  await firstTier.check();
  await expect(page).toHaveURL(
    new RegExp(`[?&]tier=${encodeURIComponent(tier).replace(/%20/g, '\\+')}`),
  );
  await expect(page.getByRole('status')).toHaveText(
    `${count} ${count === '1' ? 'project' : 'projects'}`,
  );
  const chips = page
    .getByTestId('project-directory')
    .getByTestId('innersource-tier');
  await expect(chips).toHaveCount(Number(count));
  for (const chip of await chips.all()) await expect(chip).toHaveText(tier);
  await page.screenshot({
    path: testInfo.outputPath('directory-by-tier.png'),
    fullPage: true,
  });

  await page.getByRole('button', { name: 'Cards' }).click();
  await expect(page).toHaveURL(/[?&]view=cards/);
  await expect(page.getByTestId('project-card')).toHaveCount(Number(count));
  await expect(page.getByRole('table')).toHaveCount(0);
  expect(
    await axeViolations(
      page,
      '[data-testid="project-facets"]',
      '[data-testid="project-directory"]',
    ),
  ).toEqual([]);
  await page.screenshot({
    path: testInfo.outputPath('directory-cards.png'),
    fullPage: true,
  });

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('innersource-projects.csv');
  const csv = fs.readFileSync((await file.path())!, 'utf8');
  const lines = csv.trimEnd().split('\r\n');
  expect(lines[0]).toBe(
    'Project,Title,Kind,Owner,Tier,Score,Activity,Language,Skills,Tags,Open help wanted,Last activity,Contribute',
  );
  expect(lines).toHaveLength(Number(count) + 1);
  for (const line of lines.slice(1)) expect(line).toContain(`,${tier},`);
  fs.writeFileSync(testInfo.outputPath('directory-export.csv'), csv);
  // the export has no picture of its own: the page it came from, with the file named
  await page.screenshot({
    path: testInfo.outputPath('directory-exported.png'),
    fullPage: true,
  });
});

test('an owner copies a public badge URL from the badges dialog, and the badge loads without a sign-in', async ({
  page,
  context,
  browser,
}, testInfo) => {
  test.setTimeout(240_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await signInAsGuest(page);
  // examples/entities.yaml lets this project's badges be public
  await expect(async () => {
    await page.goto('/catalog/default/component/innersource-frontend');
    await expect(page.getByTestId('innersource-score')).toBeVisible({
      timeout: 5_000,
    });
  }).toPass({ timeout: 120_000 });
  await expect(page.getByTestId('innersource-badge-score')).toBeVisible();
  await expect(page.getByTestId('innersource-badge-tier')).toBeVisible();

  await page
    .getByTestId('innersource-card-badges')
    .getByRole('button', { name: 'Badges' })
    .click();
  const dialog = page.getByRole('dialog', { name: 'InnerSource badges' });
  await expect(dialog.getByTestId('badges-public-note')).toContainText(
    'innersource/badges: public',
  );
  await expect(
    dialog.getByRole('img', { name: 'InnerSource score' }),
  ).toBeVisible();
  expect(await axeViolations(page, '[role="dialog"]')).toEqual([]);
  await page.screenshot({
    path: testInfo.outputPath('badges-dialog.png'),
    fullPage: true,
  });

  await dialog.getByRole('tab', { name: 'URL' }).click();
  await dialog
    .getByRole('button', {
      name: 'Copy the URL of the InnerSource score badge',
    })
    .click();
  await expect(
    dialog.getByRole('button', {
      name: 'Copy the URL of the InnerSource score badge',
    }),
  ).toHaveText('Copied');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toMatch(
    /^http:\/\/localhost:7007\/api\/innersource\/badges\/t\/[\w-]{43}\/score\.svg$/,
  );
  await expect(
    dialog.getByRole('textbox', { name: 'URL of the InnerSource score badge' }),
  ).toHaveValue(copied);

  // Someone outside Backstage: a browser with no session embeds the URL.
  const outside = await browser.newContext();
  const readme = await outside.newPage();
  await readme.setContent(
    `<main><h1>README</h1><img src="${copied}" alt="InnerSource score"></main>`,
  );
  const badge = readme.getByRole('img', { name: 'InnerSource score' });
  await expect
    .poll(() => badge.evaluate(img => (img as HTMLImageElement).naturalWidth))
    .toBeGreaterThan(0);
  const answer = await outside.request.get(copied);
  expect(answer.status()).toBe(200);
  expect(answer.headers()['content-type']).toBe('image/svg+xml; charset=utf-8');
  expect(await answer.text()).toMatch(/InnerSource score: \d+\/100/);
  await readme.screenshot({ path: testInfo.outputPath('badge-outside.png') });
  await outside.close();

  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();

  // The same dialog from the entity page's menu.
  await page.getByRole('button', { name: 'more' }).click();
  await page.getByRole('menuitem', { name: 'InnerSource badges' }).click();
  await expect(dialog.getByTestId('badges-public-note')).toBeVisible();
  await expect(
    dialog.getByRole('img', { name: 'InnerSource score' }),
  ).toBeVisible();
  await page.screenshot({
    path: testInfo.outputPath('badges-dialog-from-menu.png'),
  });
});

test("the home page's card lists InnerSource projects looking for help", async ({
  page,
}, testInfo) => {
  test.setTimeout(300_000);
  await signInAsGuest(page);
  // the sidebar's item, not its logo, which is named Home too
  await sidebar(page).locator('a[href="/home"]').click();
  await expect(page).toHaveURL(/\/home$/);
  await expect(
    page.getByText('InnerSource projects looking for help'),
  ).toBeVisible();
  // The fake GitHub's Backstage repository has open help-wanted issues, once the
  // first refresh has collected it.
  await expect(async () => {
    await page.reload();
    await expect(
      page.getByTestId('looking-for-help-project').first(),
    ).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 180_000 });
  expect(
    await axeViolations(page, '[data-testid="looking-for-help-project"]'),
  ).toEqual([]);
  await page.screenshot({
    path: testInfo.outputPath('home-looking-for-help.png'),
    fullPage: true,
  });
});

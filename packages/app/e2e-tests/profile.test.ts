import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { openWholeCatalog, signInAsGuest } from './signIn';

const repositoryRoot = path.resolve(__dirname, '../../..');

function commitsInWindow(): number {
  const output = execFileSync(
    'git',
    ['rev-list', '--count', '--no-merges', '--since=90 days ago', 'HEAD'],
    { cwd: repositoryRoot, encoding: 'utf8' },
  );
  return Number(output.trim());
}

test("this repository's own component shows its measured InnerSource profile", async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  const expectedCommits = commitsInWindow();
  await signInAsGuest(page);
  await openWholeCatalog(page);
  await page.getByRole('link', { name: 'InnerSource for Backstage' }).click();

  // The first refresh starts seconds after the backend does: wait for the card,
  // and reload while it still says the project has not been collected.
  const score = page.getByTestId('innersource-score');
  await expect(async () => {
    await page.reload();
    await expect(score).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 120_000 });
  await expect(score).toHaveText(/^\d{1,3}$/);
  await expect(page.getByTestId('innersource-tier')).not.toBeEmpty();
  await expect(page.getByTestId('innersource-metric-commits')).toHaveText(
    String(expectedCommits),
  );
  await page.screenshot({
    path: testInfo.outputPath('profile-card.png'),
    fullPage: true,
  });

  // The entity's tabs are links; the sidebar has an InnerSource link of its own.
  await page
    .getByRole('link', { name: 'InnerSource', exact: true })
    .and(page.locator('[href$="/innersource-for-backstage/innersource"]'))
    .click();
  await expect(page).toHaveURL(/\/innersource-for-backstage\/innersource$/);
  await expect(page.getByTestId('innersource-tab-commits')).toHaveText(
    String(expectedCommits),
  );
  await expect(page.getByTestId('innersource-tab-score')).toHaveText(
    await score.innerText(),
  );
  await page.screenshot({
    path: testInfo.outputPath('profile-tab.png'),
    fullPage: true,
  });
});

test("a library is scored by the portal's libraries profile, on its four tiers", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signInAsGuest(page);
  await openWholeCatalog(page);
  await page.getByRole('link', { name: 'InnerSource frontend plugin' }).click();

  const profile = page.getByTestId('innersource-profile');
  await expect(async () => {
    await page.reload();
    await expect(profile).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 120_000 });
  // app-config.yaml: spec.type library → the libraries profile; four tiers
  await expect(profile).toHaveText('libraries');
  await expect(page.getByTestId('innersource-tier')).toHaveText(
    /^(Thriving|Growing|Emerging|Dormant)$/,
  );
});

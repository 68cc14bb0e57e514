import { expect, Page, test } from '@playwright/test';
import { sidebar, signInAsGuest } from './signIn';

async function openScoringTab(page: Page) {
  await sidebar(page)
    .getByRole('link', { name: 'InnerSource', exact: true })
    .click();
  await page.getByRole('tab', { name: 'Scoring' }).click();
  await expect(page).toHaveURL(/\/innersource\/scoring$/);
}

// The guest is not in the portal's admin group (innersource.permissions.adminGroup,
// default the platform team), so the preview panel explains instead of editing;
// the preview itself is covered by the backend router and frontend panel tests.
test("the Scoring tab shows the active model and today's scores; previews are for the admin group", async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  await signInAsGuest(page);
  await openScoringTab(page);

  // The first refresh starts seconds after the backend: wait for scores.
  const histogram = page.getByTestId('scoring-histogram');
  await expect(async () => {
    await page.reload();
    await expect(histogram).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 120_000 });
  await expect(histogram).toBeVisible();
  // app-config.yaml's four tiers: a threshold line at each of the upper three
  await expect(histogram.getByTestId('histogram-threshold')).toHaveCount(3);

  await expect(
    page.getByText('You may not preview scoring changes'),
  ).toBeVisible();
  await expect(
    page.getByText(/needs the innersource\.scoring\.preview permission/),
  ).toBeVisible();
  await expect(
    page.getByRole('textbox', { name: 'Candidate scoring block (YAML)' }),
  ).toHaveCount(0);
  await page.screenshot({
    path: testInfo.outputPath('scoring-tab.png'),
    fullPage: true,
  });
});

import { expect, test } from '@playwright/test';
import { openWholeCatalog, sidebar, signInAsGuest } from './signIn';

// The catalog lists entities by their title.
const OWN_COMPONENT = 'InnerSource for Backstage';

test('a guest signs in and sees the catalog', async ({ page }, testInfo) => {
  await signInAsGuest(page);
  await openWholeCatalog(page);

  await expect(page.getByRole('link', { name: OWN_COMPONENT })).toBeVisible();
  await page.screenshot({
    path: testInfo.outputPath('catalog.png'),
    fullPage: true,
  });
});

test("this project's own component page shows the InnerSource card", async ({
  page,
}, testInfo) => {
  await signInAsGuest(page);
  await openWholeCatalog(page);

  await page.getByRole('link', { name: OWN_COMPONENT }).click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/component\/innersource-for-backstage/,
  );
  // The card: the measured profile, or "Not collected yet" in the seconds before the first refresh.
  await expect(
    page
      .getByTestId('innersource-score')
      .or(page.getByText('Not collected yet')),
  ).toBeVisible();

  await page.screenshot({
    path: testInfo.outputPath('component-card.png'),
    fullPage: true,
  });
});

test('the InnerSource page opens from the sidebar', async ({
  page,
}, testInfo) => {
  await signInAsGuest(page);

  await sidebar(page)
    .getByRole('link', { name: 'InnerSource', exact: true })
    .click();
  // The page opens on its first tab.
  await expect(page).toHaveURL(/\/innersource\/projects$/);
  await expect(
    page
      .getByText('InnerSource projects, by score')
      .or(page.getByText('No InnerSource projects measured yet')),
  ).toBeVisible();

  await page.screenshot({
    path: testInfo.outputPath('innersource-page.png'),
    fullPage: true,
  });
});

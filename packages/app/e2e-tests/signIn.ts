import { expect, Page } from '@playwright/test';

/** Signs in as the guest user and waits until the portal's sidebar shows. */
export async function signInAsGuest(page: Page, path = '/') {
  await page.goto(path);
  const enter = page.getByRole('button', { name: 'Enter' });
  await expect(enter).toBeVisible();
  await enter.click();
  await expect(enter).toBeHidden();
  await expect(
    sidebar(page).getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();
}

export function sidebar(page: Page) {
  return page.getByRole('navigation', { name: 'sidebar nav' });
}

/** Opens the catalog on all components rather than the guest's own. */
export async function openWholeCatalog(page: Page) {
  await sidebar(page)
    .getByRole('link', { name: 'Catalog', exact: true })
    .click();
  // The picker settles on "Owned" once the guest's own entities have loaded,
  // which can undo an early choice: choose All until the table says so.
  await expect(async () => {
    await page.getByRole('menuitem', { name: /^All/ }).click();
    await expect(page.getByText(/^All Components \(\d+\)$/)).toBeVisible({
      timeout: 2_000,
    });
  }).toPass({ timeout: 30_000 });
}

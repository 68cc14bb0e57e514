import { expect, Locator, Page, test } from '@playwright/test';
import { sidebar, signInAsGuest } from './signIn';

const EVERYONE = `tiers:
  - { name: Everyone, min: 0, color: "#607d8b" }
`;

/** The tiers and counts a preview lists, as { tier: count }. */
async function tierCounts(list: Locator): Promise<Record<string, number>> {
  const rows = list.getByTestId('tier-count');
  const counts: Record<string, number> = {};
  for (const row of await rows.all()) {
    counts[(await row.getAttribute('data-tier'))!] = Number(
      await row.getAttribute('data-count'),
    );
  }
  return counts;
}

async function openScoringTab(page: Page) {
  await sidebar(page)
    .getByRole('link', { name: 'InnerSource', exact: true })
    .click();
  await page.getByRole('tab', { name: 'Scoring' }).click();
  await expect(page).toHaveURL(/\/innersource\/scoring$/);
}

test('a platform engineer edits a candidate scoring block and sees the distribution change', async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  await signInAsGuest(page);
  await openScoringTab(page);

  // The first refresh starts seconds after the backend: wait for scores.
  const histogram = page.getByTestId('scoring-histogram');
  const noneYet = page.getByText(/No project has been scored yet/);
  for (let attempt = 0; attempt < 12; attempt++) {
    await expect(histogram.or(noneYet)).toBeVisible();
    if (await histogram.isVisible()) break;
    await page.waitForTimeout(5_000);
    await page.reload();
  }
  await expect(histogram).toBeVisible();
  // app-config.yaml's four tiers: a threshold line at each of the upper three
  await expect(histogram.getByTestId('histogram-threshold')).toHaveCount(3);

  const editor = page.getByRole('textbox', {
    name: 'Candidate scoring block (YAML)',
  });
  // The editor starts from the block in app-config.
  await expect(editor).toHaveValue(/name: Dormant/);

  await editor.fill(EVERYONE);
  await page.getByRole('button', { name: 'Preview' }).click();
  const result = page.getByTestId('preview-result');
  await expect(result).toBeVisible();

  const before = await tierCounts(page.getByTestId('preview-before'));
  const after = await tierCounts(page.getByTestId('preview-after'));
  const total = Object.values(before).reduce((sum, n) => sum + n, 0);
  expect(total).toBeGreaterThan(0);
  expect(Object.keys(before)).not.toContain('Everyone');
  expect(after).toEqual({ Everyone: total });
  await expect(result).toContainText(
    `${total} projects scored; ${total} would change tier`,
  );
  await page.screenshot({
    path: testInfo.outputPath('scoring-preview.png'),
    fullPage: true,
  });

  // A candidate the backend would not start with gets the startup message.
  await editor.fill(`tiers:
  - { name: Low, min: 10, color: "#9e9e9e" }
  - { name: High, min: 60, color: "#2e7d32" }
`);
  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(
    page.getByText(
      'innersource.scoring.tiers[1].min must be below tiers[0].min',
    ),
  ).toBeVisible();
});

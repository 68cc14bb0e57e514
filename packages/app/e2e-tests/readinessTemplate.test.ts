import AxeBuilder from '@axe-core/playwright';
import { expect, Page, test } from '@playwright/test';
import { signInAsGuest } from './signIn';

/** Accessibility problems axe finds in the parts of the page given. */
async function axeViolations(page: Page, ...selectors: string[]) {
  let builder = new AxeBuilder({ page });
  for (const selector of selectors) builder = builder.include(selector);
  const { violations } = await builder.analyze();
  return violations.map(
    v =>
      `${v.id}: ${v.help} at ${v.nodes
        .map(n => n.target.join(' '))
        .join(', ')}`,
  );
}

// An example project read from this repository's own folder
// (examples/entities.yaml): plugins/innersource has no CONTRIBUTING.md, so
// its readiness checklist has a failing check.
const ENTITY_REF = 'component:default/innersource-frontend';
const TAB = '/catalog/default/component/innersource-frontend/innersource';

test('a failing readiness check links to the readiness pull request template, which offers it for the entity', async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  await signInAsGuest(page, TAB);
  await page.goto(TAB);

  // The first refresh starts seconds after the backend: wait for the checklist.
  const contributing = page.getByTestId('readiness-contributing');
  const notYet = page.getByText(/Not collected yet|No readiness checks yet/);
  for (let attempt = 0; attempt < 12; attempt++) {
    await expect(contributing.or(notYet).first()).toBeVisible();
    if (await contributing.isVisible()) break;
    await page.waitForTimeout(5_000);
    await page.reload();
  }
  // plugins/innersource has no CONTRIBUTING.md: the check fails, with its advice.
  await expect(contributing).toContainText('Add a CONTRIBUTING.md');

  const link = page.getByTestId('readiness-pull-request-link');
  await expect(link).toHaveText('Propose the missing files in a pull request');
  const href = new URL((await link.getAttribute('href'))!, page.url());
  expect(href.pathname).toBe('/create/templates/default/innersource-readiness');
  expect(JSON.parse(href.searchParams.get('formData')!)).toEqual({
    entityRef: ENTITY_REF,
  });
  const checklist = page
    .locator('article, .MuiCard-root')
    .filter({ hasText: 'Readiness checklist' })
    .last();
  await checklist.scrollIntoViewIfNeeded();
  await page.screenshot({
    path: testInfo.outputPath('readiness-checklist-link.png'),
    fullPage: true,
  });
  expect(
    await axeViolations(page, '[data-testid="readiness-pull-request-link"]'),
  ).toEqual([]);

  // The template page: its title, and the entity filled in from the link.
  await link.click();
  await expect(page).toHaveURL(
    /\/create\/templates\/default\/innersource-readiness/,
  );
  await expect(
    page.getByText('Make a repository InnerSource-ready').first(),
  ).toBeVisible();
  // EntityPicker is an autocomplete: its input carries the field's label.
  const entityField = page.getByLabel(/InnerSource project/).first();
  await expect(entityField).toHaveValue(/innersource-frontend/);
  await expect(page.getByRole('textbox', { name: 'Branch' })).toHaveValue(
    'innersource-readiness',
  );
  await page.screenshot({
    path: testInfo.outputPath('readiness-template-form.png'),
    fullPage: true,
  });

  // The review step: what the action will be run with, before anything runs.
  await page.getByRole('button', { name: 'Review' }).click();
  await expect(
    page.getByRole('row', { name: `InnerSource project ${ENTITY_REF}` }),
  ).toBeVisible();
  await expect(
    page.getByRole('row', { name: 'Branch innersource-readiness' }),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Create' })).toBeEnabled();
  await page.screenshot({
    path: testInfo.outputPath('readiness-template-review.png'),
    fullPage: true,
  });
  // the template's own content: its card with the review table
  expect(await axeViolations(page, 'article')).toEqual([]);

  // The portal's scaffolder lists the action with its description.
  await page.getByRole('tab', { name: 'Actions' }).click();
  await expect(
    page.getByRole('row', {
      name: /^innersource:readiness:pull-request Opens one GitHub pull request/,
    }),
  ).toBeVisible();
});

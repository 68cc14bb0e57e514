import { expect, test } from '@playwright/test';
import { axeViolations } from './axe';
import { signInAsGuest } from './signIn';

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
  // (the tab loads its project once; reload until the checklist is there)
  await expect(async () => {
    await page.reload();
    await expect(contributing).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 120_000 });
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

import fs from 'node:fs';
import path from 'node:path';
import { expect, Page, test } from '@playwright/test';
import { axeViolations } from './axe';
import { signInAsGuest } from './signIn';

const repositoryRoot = path.resolve(__dirname, '../../..');

// An example project read from this repository's own folder
// (examples/entities.yaml): plugins/innersource has no CONTRIBUTING.md, so
// its readiness checklist has a failing check.
const ENTITY_REF = 'component:default/innersource-frontend';
const TAB = '/catalog/default/component/innersource-frontend/innersource';

/**
 * Signs in on an entity's InnerSource tab and waits for its readiness
 * checklist: the first refresh starts seconds after the backend, and the tab
 * loads its project once, so it reloads until the checklist is there.
 * Answers the contribution guide's check.
 */
async function openChecklist(page: Page, tab: string) {
  await signInAsGuest(page, tab);
  await page.goto(tab);
  const contributing = page.getByTestId('readiness-contributing');
  await expect(async () => {
    await page.reload();
    await expect(contributing).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 120_000 });
  return contributing;
}

test('a failing readiness check links to the readiness pull request template, which offers it for the entity', async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  const contributing = await openChecklist(page, TAB);
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

// An example project on GitHub (examples/entities.yaml), collected from the
// suite's fake GitHub (plugins/innersource-backend-module-github/dev/
// fakeGithubServer.ts): its repository lacks a contribution guide and an
// innersource.json, has CODEOWNERS and issue templates, and its issues carry
// "help wanted" and "good first issue"; the entity also asks for the help-wanted
// label "contributions welcome" (innersource/help-wanted-labels), which no issue
// carries, so the repository lacks it.
const GITHUB_ENTITY_REF = 'component:default/backstage';
const GITHUB_TAB = '/catalog/default/component/backstage/innersource';
const TEMPLATE_FILE = 'innersource-readiness.yaml';

/**
 * Stands in for the folder dialog of the template editor's "Load Template
 * Directory" (the File System Access API's showDirectoryPicker, a native
 * dialog Playwright cannot drive): it picks a folder of the browser's own
 * origin-private file system holding one file, the template as this
 * repository ships it. Everything after the pick is the editor's own code.
 */
async function pickTemplateFolderWith(page: Page, template: string) {
  await page.addInitScript(
    ({ name, content }) => {
      (window as any).showDirectoryPicker = async () => {
        const root = await navigator.storage.getDirectory();
        await root
          .removeEntry('picked', { recursive: true })
          .catch(() => undefined);
        const folder = await root.getDirectoryHandle('picked', {
          create: true,
        });
        const file = await folder.getFileHandle(name, { create: true });
        const writable = await file.createWritable();
        await writable.write(content);
        await writable.close();
        return folder;
      };
    },
    { name: TEMPLATE_FILE, content: template },
  );
}

test("the readiness template's dry run in the template editor refuses a GitHub project the guest does not own, before asking GitHub anything", async ({
  page,
}, testInfo) => {
  test.setTimeout(240_000);
  const template = fs.readFileSync(
    path.join(repositoryRoot, 'examples/templates', TEMPLATE_FILE),
    'utf8',
  );
  await pickTemplateFolderWith(page, template);
  // The action needs the project's readiness checks.
  const contributing = await openChecklist(page, GITHUB_TAB);
  // the fake repository has no CONTRIBUTING.md: the check fails, with the link
  await expect(contributing).toContainText('Add a CONTRIBUTING.md');
  const link = page.getByTestId('readiness-pull-request-link');
  await expect(link).toBeVisible();
  const href = new URL((await link.getAttribute('href'))!, page.url());
  expect(href.pathname).toBe('/create/templates/default/innersource-readiness');
  expect(JSON.parse(href.searchParams.get('formData')!)).toEqual({
    entityRef: GITHUB_ENTITY_REF,
  });
  expect(
    await axeViolations(page, '[data-testid="readiness-pull-request-link"]'),
  ).toEqual([]);

  // The template editor, with the template's folder loaded.
  await page.goto('/create/edit');
  await page.getByText('Load Template Directory').click();
  await expect(page).toHaveURL(/\/create\/edit\/template$/);
  await page.getByRole('treeitem', { name: TEMPLATE_FILE }).click();
  await expect(
    page.getByText('Make a repository InnerSource-ready').first(),
  ).toBeVisible();

  // Its form, with the GitHub project; the branch keeps its default.
  const entityField = page.getByLabel(/InnerSource project/).first();
  await entityField.fill(GITHUB_ENTITY_REF);
  await entityField.press('Tab');
  await expect(page.getByRole('textbox', { name: 'Branch' })).toHaveValue(
    'innersource-readiness',
  );
  await page.getByRole('button', { name: 'Review' }).click();
  await expect(
    page.getByRole('row', {
      name: `InnerSource project ${GITHUB_ENTITY_REF}`,
    }),
  ).toBeVisible();

  // "Create" in the editor is the dry run. The action writes only with the
  // authority of whoever runs it: the shipped policy grants
  // innersource.readiness.propose to the entity's owners, and the guest
  // (payments-team) does not own this platform-team project; it was also
  // registered from a file on the portal's disk, not from its repository. So
  // even the dry run is refused, before any request to GitHub.
  // (No example entity qualifies for a dry run that proposes something: one
  // would need the guest's team as owner and a url: catalog file inside its
  // repository on the fake GitHub.)
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(
    page.getByText(
      /you may not propose readiness changes for component:default\/backstage: innersource\.readiness\.propose is granted to its owners/,
    ),
  ).toBeVisible({ timeout: 60_000 });
  await page.screenshot({
    path: testInfo.outputPath('readiness-dry-run-refused.png'),
    fullPage: true,
  });
  // no result to show, and nothing reached GitHub but reads (the fake's
  // port: playwright.config.ts)
  await expect(
    page
      .locator('.MuiAccordion-root')
      .filter({ hasText: 'Dry-run results' })
      .getByText('Result 1'),
  ).toHaveCount(0);
  const writes = await page.request.get('http://127.0.0.1:7099/writes');
  expect(await writes.json()).toEqual([]);
  // The editor, its form and its error panel are the scaffolder's own UI:
  // nothing of this plugin's to check with axe here (its link on the
  // checklist was checked above).
});

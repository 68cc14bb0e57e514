import { APIRequestContext, APIResponse, expect, test } from '@playwright/test';
import { openWholeCatalog, sidebar, signInAsGuest } from './signIn';

// examples/entities.yaml: readable only by the security team under this
// portal's policy (packages/backend/src/permissions); the guest is in the
// payments team (examples/org.yaml).
const RESTRICTED = {
  ref: 'component:default/restricted-project',
  path: 'default/component/restricted-project',
  owner: 'group:default/security-team',
};
/** Anything that names the restricted project or the team that owns it. */
const TRACE = /restricted.project|security.team/i;
/** What the entity page would show of it: its title, owner or description. */
const LOADED_TRACE = /Restricted project|security.team|only its members/i;

const BACKEND = 'http://localhost:7007';
const GITHUB_TASK = 'Add unit tests for the kubectl events printer';
const DATA_TIMEOUT = 180_000;

type Caller = {
  get(path: string): Promise<APIResponse>;
  post(path: string, data: unknown): Promise<APIResponse>;
};

function caller(request: APIRequestContext, token: string): Caller {
  const headers = { authorization: `Bearer ${token}` };
  return {
    get: path => request.get(`${BACKEND}/api${path}`, { headers }),
    post: (path, data) =>
      request.post(`${BACKEND}/api${path}`, { headers, data }),
  };
}

async function json(response: APIResponse) {
  expect(response.status(), response.url()).toBe(200);
  return response.json();
}

/** The guest's Backstage token, as the portal's sign-in page obtains it. */
async function guestToken(request: APIRequestContext): Promise<string> {
  const response = await request.get(
    `${BACKEND}/api/auth/guest/refresh?env=development`,
    { headers: { 'x-requested-with': 'XMLHttpRequest' } },
  );
  const body = await json(response);
  expect(body.backstageIdentity.identity.userEntityRef).toBe(
    'user:default/guest',
  );
  return body.backstageIdentity.token;
}

/**
 * The suite's read-only service token (playwright.config.ts) sees what the
 * backend stores: the ground truth the guest's view is compared with.
 */
function service(request: APIRequestContext): Caller {
  const token = process.env.E2E_SERVICE_TOKEN;
  expect(
    token,
    'E2E_SERVICE_TOKEN is set by playwright.config.ts',
  ).toBeTruthy();
  return caller(request, token!);
}

/** Waits until the first refresh has scored the restricted project and search has indexed it. */
async function waitForRestrictedProjectData(truth: Caller) {
  await expect
    .poll(
      async () => {
        const response = await truth.get(
          `/innersource/projects/${RESTRICTED.path}`,
        );
        return response.ok()
          ? (await response.json()).status
          : response.status();
      },
      { timeout: DATA_TIMEOUT, intervals: [2_000] },
    )
    .toBe('collected');
  await expect
    .poll(
      async () => {
        // 500 "Missing index" until the collator's first run
        const response = await truth.get(
          '/search/query?term=restricted&types%5B0%5D=innersource-project',
        );
        return response.ok() ? (await response.json()).results.length : 0;
      },
      { timeout: DATA_TIMEOUT, intervals: [5_000] },
    )
    .toBeGreaterThan(0);
}

/** Every project a caller may list, two to a page, and the cursors between pages. */
async function listAllProjects(who: Caller, filter = '') {
  const refs: string[] = [];
  const cursors: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await json(
      await who.get(
        `/innersource/projects?limit=2${filter}${
          cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''
        }`,
      ),
    );
    // a cursor that leads to an empty page would tell of a row the caller may not see
    if (cursor)
      expect(page.items.length, 'page after a cursor').toBeGreaterThan(0);
    refs.push(...page.items.map((p: { entityRef: string }) => p.entityRef));
    cursor = page.nextCursor;
    if (cursor) cursors.push(cursor);
  } while (cursor);
  return { refs, cursors };
}

const sum = (numbers: number[]) => numbers.reduce((a, b) => a + b, 0);

test('the InnerSource API tells the guest nothing of the restricted project', async ({
  request,
}) => {
  test.setTimeout(DATA_TIMEOUT * 2);
  const truth = service(request);
  await waitForRestrictedProjectData(truth);
  const guest = caller(request, await guestToken(request));
  const stored = await json(
    await truth.get(`/innersource/projects/${RESTRICTED.path}`),
  );
  expect(stored.score).not.toBeNull();

  // its own routes answer as for a project that does not exist
  for (const path of [
    `/innersource/projects/${RESTRICTED.path}`,
    `/innersource/projects/${RESTRICTED.path}/history?metric=commits`,
    `/innersource/projects/${RESTRICTED.path}/contributors`,
    `/catalog/entities/by-name/component/default/restricted-project`,
  ]) {
    const response = await guest.get(path);
    expect(response.status(), path).toBe(404);
    expect(await response.text(), path).not.toMatch(/"score"|"metrics"/);
  }
  const refresh = await guest.post(
    `/innersource/refresh/${RESTRICTED.path}`,
    {},
  );
  expect(refresh.status(), 'refresh').toBe(404);

  // lists and cursors: everything the backend stores but that one project
  const all = await listAllProjects(truth);
  const seen = await listAllProjects(guest);
  expect(all.refs).toContain(RESTRICTED.ref);
  expect(seen.refs.sort()).toEqual(
    all.refs.filter(r => r !== RESTRICTED.ref).sort(),
  );
  for (const cursor of seen.cursors) {
    expect(Buffer.from(cursor, 'base64url').toString('utf8')).not.toMatch(
      TRACE,
    );
  }
  // asking about the owner says nothing either
  const byOwner = await json(
    await guest.get(
      `/innersource/projects?owner=${encodeURIComponent(RESTRICTED.owner)}`,
    ),
  );
  expect(byOwner).toEqual({ items: [] });
  const group = await json(
    await guest.get('/innersource/groups/default/security-team'),
  );
  expect(JSON.stringify(group.projects)).not.toMatch(TRACE);
  expect(
    JSON.stringify(
      await json(await truth.get('/innersource/groups/default/security-team')),
    ),
  ).toContain(RESTRICTED.ref);

  // the histogram counts one project fewer: exactly the restricted one
  const allScores = await json(await truth.get('/innersource/scoring'));
  const seenScores = await json(await guest.get('/innersource/scoring'));
  expect(sum(seenScores.histogram)).toBe(sum(allScores.histogram) - 1);

  // the guest may not preview (only the admin group may)
  const preview = await guest.post('/innersource/scoring/preview', {
    scoring: { tiers: [{ name: 'Everyone', min: 0, color: '#607d8b' }] },
  });
  expect(preview.status()).toBe(403);
  expect(await preview.text()).toContain('innersource.scoring.preview');

  // search: the service finds it, the guest does not
  for (const term of ['restricted', 'restricted-project']) {
    const results = await json(
      await guest.get(`/search/query?term=${encodeURIComponent(term)}`),
    );
    expect(JSON.stringify(results), term).not.toMatch(TRACE);
  }

  // tasks and their facets
  const tasks = await json(await guest.get('/innersource/tasks?limit=100'));
  expect(JSON.stringify(tasks)).not.toMatch(TRACE);
  const ownersTasks = await json(
    await guest.get(
      `/innersource/tasks?owner=${encodeURIComponent(RESTRICTED.owner)}`,
    ),
  );
  expect(ownersTasks.total).toBe(0);
});

test('neither scaffolder tasks nor catalog locations tell the guest of the restricted project', async ({
  request,
}) => {
  const truth = service(request);
  const guest = caller(request, await guestToken(request));

  // a readiness run for the restricted project, started by someone else
  const started = await truth.post('/scaffolder/v2/tasks', {
    templateRef: 'template:default/innersource-readiness',
    values: { entityRef: RESTRICTED.ref },
  });
  expect(started.status(), await started.text()).toBe(201);
  const { id } = await started.json();
  const theirs = await json(await truth.get(`/scaffolder/v2/tasks/${id}`));
  expect(JSON.stringify(theirs.spec)).toMatch(TRACE);

  // the guest lists only tasks they started, and cannot open another's
  const listed = await json(await guest.get('/scaffolder/v2/tasks'));
  expect(listed.tasks.map((t: { id: string }) => t.id)).not.toContain(id);
  expect(JSON.stringify(listed)).not.toMatch(TRACE);
  for (const createdBy of ['', '?createdBy=user%3Adefault%2Fguest']) {
    const filtered = await guest.get(`/scaffolder/v2/tasks${createdBy}`);
    expect(await filtered.text()).not.toMatch(TRACE);
  }
  for (const path of [
    `/scaffolder/v2/tasks/${id}`,
    `/scaffolder/v2/tasks/${id}/events`,
  ]) {
    const response = await guest.get(path);
    expect(response.status(), path).toBeGreaterThanOrEqual(400);
    expect(await response.text(), path).not.toMatch(TRACE);
  }
  const cancel = await guest.post(`/scaffolder/v2/tasks/${id}/cancel`, {});
  expect(cancel.status(), 'cancel').toBeGreaterThanOrEqual(400);

  // catalog locations (every registered file) are for the admin group: the
  // guest is shown none, whatever is registered
  expect((await truth.get('/catalog/locations')).status()).toBe(200);
  expect(await json(await guest.get('/catalog/locations'))).toEqual([]);
  const byEntity = await guest.get(
    '/catalog/locations/by-entity/component/default/restricted-project',
  );
  expect(byEntity.status(), 'location by entity').toBe(404);
  expect(await byEntity.text()).not.toMatch(/"target"/);
});

test('the guest finds no trace of the restricted project in the portal', async ({
  page,
  request,
}, testInfo) => {
  test.setTimeout(DATA_TIMEOUT * 2);
  const truth = service(request);
  await waitForRestrictedProjectData(truth);
  const readableProjects = (
    await listAllProjects(caller(request, await guestToken(request)))
  ).refs;
  await signInAsGuest(page);

  // the catalog lists the other components, and the entity page is not found
  await openWholeCatalog(page);
  await expect(
    page.getByRole('link', { name: 'InnerSource for Backstage' }),
  ).toBeVisible();
  await expect(page.getByText(TRACE)).toHaveCount(0);
  await page.goto(`/catalog/${RESTRICTED.path}`);
  // the heading repeats the name from the URL; nothing of the entity shows
  await expect(page.getByText('Entity not found')).toBeVisible();
  await expect(page.getByText(LOADED_TRACE)).toHaveCount(0);
  await page.screenshot({
    path: testInfo.outputPath('restricted-entity-page.png'),
    fullPage: true,
  });

  // the InnerSource page's projects: every readable one, and only those
  await sidebar(page)
    .getByRole('link', { name: 'InnerSource', exact: true })
    .click();
  await expect(page).toHaveURL(/\/innersource\/projects$/);
  await expect(page.getByText('InnerSource projects, by score')).toBeVisible();
  await expect(page.locator('tbody tr')).toHaveCount(readableProjects.length);
  await expect(page.getByText(TRACE)).toHaveCount(0);
  await page.screenshot({
    path: testInfo.outputPath('restricted-projects-tab.png'),
    fullPage: true,
  });

  // the histogram counts what the guest may read; previews are for the admin group
  await page.getByRole('tab', { name: 'Scoring' }).click();
  const histogram = page.getByTestId('scoring-histogram');
  await expect(histogram).toBeVisible();
  const guestScores = await json(
    await caller(request, await guestToken(request)).get(
      '/innersource/scoring',
    ),
  );
  const buckets = histogram.getByTestId('histogram-bucket');
  await expect(buckets).toHaveCount(guestScores.histogram.length);
  const counts = await buckets.evaluateAll(nodes =>
    nodes.map(n => Number(n.getAttribute('data-count'))),
  );
  const allScores = await json(await truth.get('/innersource/scoring'));
  expect(sum(counts)).toBe(sum(allScores.histogram) - 1);
  await expect(
    page.getByText('You may not preview scoring changes'),
  ).toBeVisible();
  await expect(
    page.getByRole('textbox', { name: 'Candidate scoring block (YAML)' }),
  ).toHaveCount(0);
  await page.screenshot({
    path: testInfo.outputPath('restricted-scoring.png'),
    fullPage: true,
  });

  // Backstage's search
  await page.goto('/search?query=restricted');
  await expect(page.getByText('Sorry, no results were found')).toBeVisible();
  await expect(page.getByRole('main').getByText(TRACE)).toHaveCount(0);
  await page.screenshot({
    path: testInfo.outputPath('restricted-search.png'),
    fullPage: true,
  });

  // help-wanted tasks and facets
  await sidebar(page)
    .getByRole('link', { name: 'InnerSource', exact: true })
    .click();
  await page.getByRole('tab', { name: 'Help wanted' }).click();
  await expect(page.getByText(GITHUB_TASK)).toBeVisible();
  await expect(page.getByTestId('task-facets')).toBeVisible();
  await expect(page.getByText(TRACE)).toHaveCount(0);
  await page.screenshot({
    path: testInfo.outputPath('restricted-help-wanted.png'),
    fullPage: true,
  });
});

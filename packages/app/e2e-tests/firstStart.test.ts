import { APIRequestContext, expect, Page, test } from '@playwright/test';
import { axeViolations } from './axe';
import { sidebar, signInAsGuest } from './signIn';

// What a newcomer's first start shows with no network and no token: the
// example projects read the git repositories scripts/example-repositories.mjs
// creates under examples/repositories/ (examples/entities.yaml), committed by
// examples/org.yaml's people.
const LOCAL_PROJECTS = {
  'payment-gateway': { title: 'Payment gateway', tier: 'Thriving' },
  'search-indexer': { title: 'Search indexer', tier: 'Growing' },
  'feature-flags': { title: 'Feature flags client', tier: 'Emerging' },
  'nightly-reports': { title: 'Nightly reports', tier: 'Dormant' },
};

const BACKEND = 'http://localhost:7007';
const DATA_TIMEOUT = 180_000;

/** Waits until the first refresh has scored every example repository. */
async function waitForFirstRefresh(request: APIRequestContext) {
  const token = process.env.E2E_SERVICE_TOKEN;
  expect(
    token,
    'E2E_SERVICE_TOKEN is set by playwright.config.ts',
  ).toBeTruthy();
  await expect
    .poll(
      async () => {
        const states = await Promise.all(
          Object.keys(LOCAL_PROJECTS).map(async name => {
            const response = await request
              .get(
                `${BACKEND}/api/innersource/projects/default/component/${name}`,
                { headers: { authorization: `Bearer ${token}` } },
              )
              // the dev backend restarts when a source file changes
              .catch(() => undefined);
            return response?.ok() ? (await response.json()).status : 'absent';
          }),
        );
        return states.every(state => state === 'collected');
      },
      { timeout: DATA_TIMEOUT, intervals: [2_000] },
    )
    .toBe(true);
}

async function openInnerSourceTab(page: Page, tab: string) {
  await sidebar(page)
    .getByRole('link', { name: 'InnerSource', exact: true })
    .click();
  await page.getByRole('tab', { name: tab }).click();
}

test.describe('the first start, from the example repositories alone', () => {
  test.beforeEach(async ({ request }) => {
    test.setTimeout(DATA_TIMEOUT + 120_000);
    await waitForFirstRefresh(request);
  });

  test('lists the example projects in four tiers', async ({
    page,
  }, testInfo) => {
    await signInAsGuest(page);
    await openInnerSourceTab(page, 'Projects');
    await expect(page).toHaveURL(/\/innersource\/projects/);
    const directory = page.getByTestId('project-directory');
    for (const { title, tier } of Object.values(LOCAL_PROJECTS)) {
      await expect(
        directory
          .getByRole('row')
          .filter({ hasText: title })
          .getByTestId('innersource-tier'),
      ).toHaveText(tier);
    }
    const tiers = new Set(
      await directory.getByTestId('innersource-tier').allInnerTexts(),
    );
    expect(tiers.size).toBeGreaterThanOrEqual(3);
    expect(
      await axeViolations(page, '[data-testid="project-directory"]'),
    ).toEqual([]);
    await page.screenshot({
      path: testInfo.outputPath('first-start-tiers.png'),
      fullPage: true,
    });
  });

  test("a team's page shows contributions from other teams", async ({
    page,
  }, testInfo) => {
    await signInAsGuest(page, '/catalog/default/group/payments-team');
    const card = page.getByTestId('innersource-group-summary');
    // Alice and Grace of the platform team commit to the payment gateway.
    const fromPlatform = card
      .getByRole('listitem')
      .filter({ hasText: /from\s+platform.team/i })
      .filter({ has: page.getByRole('link', { name: /payment.gateway/i }) });
    await expect(fromPlatform).toContainText(/contributions by 2 people/);
    await expect(
      card
        .getByRole('listitem')
        .filter({ hasText: /from\s+search.team/i })
        .filter({ has: page.getByRole('link', { name: /payment.gateway/i }) }),
    ).toBeVisible();
    // And the payments team gives back: Bob to the search indexer.
    await expect(
      card
        .getByRole('listitem')
        .filter({ hasText: /owned by\s+search.team/i })
        .filter({ has: page.getByRole('link', { name: /search.indexer/i }) }),
    ).toBeVisible();
    await card.scrollIntoViewIfNeeded();
    expect(
      await axeViolations(page, '[data-testid="innersource-group-summary"]'),
    ).toEqual([]);
    await page.screenshot({
      path: testInfo.outputPath('first-start-team-contributions.png'),
      fullPage: true,
    });
  });

  test('the help-wanted page lists the projects asking for help with their skills', async ({
    page,
  }, testInfo) => {
    await signInAsGuest(page);
    await openInnerSourceTab(page, 'Help wanted');
    await expect(page).toHaveURL(/\/innersource\/help-wanted$/);
    const asking = page.getByTestId('projects-asking-for-help');
    const indexer = asking
      .getByTestId('asking-project')
      .filter({ has: page.getByRole('link', { name: 'Search indexer' }) });
    await expect(indexer).toContainText('Language analyzers');
    await expect(indexer).toContainText('Synonym lists for new markets');
    await expect(
      indexer.getByText('elasticsearch', { exact: true }),
    ).toBeVisible();
    await expect(
      asking
        .getByTestId('asking-project')
        .filter({ has: page.getByRole('link', { name: 'Payment gateway' }) }),
    ).toContainText('Payment method adapters');
    expect(
      await axeViolations(page, '[data-testid="projects-asking-for-help"]'),
    ).toEqual([]);
    await asking.scrollIntoViewIfNeeded();
    await page.screenshot({
      path: testInfo.outputPath('first-start-asking-for-help.png'),
      fullPage: true,
    });
  });

  test("a project's readiness runs from complete to bare", async ({
    page,
  }, testInfo) => {
    await signInAsGuest(
      page,
      '/catalog/default/component/payment-gateway/innersource',
    );
    for (const check of ['readme', 'contributing', 'codeowners', 'license'])
      await expect(
        page
          .getByTestId(`readiness-${check}`)
          .getByRole('img', { name: 'passed' }),
      ).toBeVisible();
    await page.screenshot({
      path: testInfo.outputPath('first-start-readiness-complete.png'),
      fullPage: true,
    });

    await page.goto('/catalog/default/component/nightly-reports/innersource');
    for (const check of ['readme', 'contributing', 'codeowners', 'license'])
      await expect(
        page
          .getByTestId(`readiness-${check}`)
          .getByRole('img', { name: 'failed' }),
      ).toBeVisible();
    await page.screenshot({
      path: testInfo.outputPath('first-start-readiness-bare.png'),
      fullPage: true,
    });
  });

  test("a project's key metrics show which way they moved, on the first day", async ({
    page,
    request,
  }, testInfo) => {
    // The trend point is a week backfilled from the repository's history.
    const response = await request.get(
      `${BACKEND}/api/innersource/projects/default/component/payment-gateway`,
      { headers: { authorization: `Bearer ${process.env.E2E_SERVICE_TOKEN}` } },
    );
    const project = await response.json();
    expect(project.trend).toMatchObject({ backfilled: true });
    const moved = ['commits', 'contributors', 'outsideContributors'].filter(
      key =>
        typeof project.trend.metrics[key] === 'number' &&
        project.trend.metrics[key] !== project.metrics[key],
    );
    expect(moved.length).toBeGreaterThan(0);

    await signInAsGuest(
      page,
      '/catalog/default/component/payment-gateway/innersource',
    );
    for (const key of moved) {
      const delta = project.metrics[key] - project.trend.metrics[key];
      await expect(page.getByTestId(`innersource-trend-${key}`)).toHaveText(
        delta > 0 ? `+${delta}` : `\u2212${-delta}`,
      );
    }
    const first = page.getByTestId(`innersource-trend-${moved[0]}`);
    await first.hover();
    await expect(page.getByRole('tooltip')).toContainText(
      '(from the commit history)',
    );
    expect(
      await axeViolations(page, '[data-testid^="innersource-trend-"]'),
    ).toEqual([]);
    await page.screenshot({
      path: testInfo.outputPath('first-start-trends.png'),
      fullPage: true,
    });
  });

  test("a project's history chart has weeks of points on the first day", async ({
    page,
  }, testInfo) => {
    await signInAsGuest(
      page,
      '/catalog/default/component/payment-gateway/innersource',
    );
    // The first collection backfills weekly points from the repository's own history.
    const chart = page.getByRole('img', { name: /^Commits: \d+ points from/ });
    await expect(chart).toBeVisible();
    const summary = (await chart.getAttribute('aria-label')) ?? '';
    expect(Number(/: (\d+) points/.exec(summary)?.[1])).toBeGreaterThan(1);
    await chart.scrollIntoViewIfNeeded();
    expect(await axeViolations(page, 'svg[role="img"]')).toEqual([]);
    await page.screenshot({
      path: testInfo.outputPath('first-start-history.png'),
      fullPage: true,
    });
  });
});

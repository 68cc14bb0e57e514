import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type {
  ProjectList,
  ProjectListRequest,
  TaskList,
  TaskListItem,
  TaskQuery,
} from '@innersource-for-backstage/plugin-innersource-common';
import { innersourceApiRef } from '../../api/InnerSourceApi';
import { catalogRoutes, mockInnerSourceApi } from '../../testing/fixtures';
import { HelpWantedPage, taskCount } from './HelpWantedPage';

const task = (
  id: string,
  overrides: Partial<TaskListItem> = {},
): TaskListItem => ({
  id,
  number: 7,
  title: `Task ${id}`,
  url: `https://github.com/acme/payments/issues/${id}`,
  labels: ['help wanted'],
  goodFirst: false,
  createdAt: '2026-11-01T10:00:00.000Z',
  updatedAt: '2026-11-20T10:00:00.000Z',
  comments: 3,
  stale: false,
  project: {
    entityRef: 'component:default/payments',
    title: 'Payments gateway',
    owner: 'group:default/payments-team',
    skills: ['java'],
    score: 82,
    tier: { name: 'Thriving', color: '#2e7d32' },
  },
  ...overrides,
});

const facets: TaskList['facets'] = {
  labels: [
    { value: 'help wanted', count: 2 },
    { value: 'good first issue', count: 1 },
  ],
  owners: [{ value: 'group:default/payments-team', count: 2 }],
  skills: [{ value: 'java', count: 2 }],
  languages: [{ value: 'Java', count: 2 }],
  tiers: [{ value: 'Thriving', count: 2 }],
};

async function render(
  searchTasks: (query: TaskQuery) => Promise<TaskList>,
  path = '/',
  listProjects: (
    request?: ProjectListRequest,
  ) => Promise<ProjectList> = async () => ({
    items: [],
  }),
) {
  const spy = jest.fn(searchTasks);
  const projectsSpy = jest.fn(listProjects);
  await renderInTestApp(<HelpWantedPage />, {
    mountedRoutes: catalogRoutes,
    initialRouteEntries: [path],
    apis: [
      [
        innersourceApiRef,
        mockInnerSourceApi({ searchTasks: spy, listProjects: projectsSpy }),
      ],
    ],
  });
  return Object.assign(spy, { projectsSpy });
}

describe('HelpWantedPage', () => {
  it('lists tasks with their labels, age, comments, project tier and owner, and facet counts', async () => {
    const spy = await render(async () => ({
      items: [
        task('1', {
          title: 'Add pagination to refunds',
          labels: ['help wanted', 'api'],
        }),
        task('2', { title: 'An old one', stale: true, assignee: 'olga' }),
      ],
      total: 2,
      facets,
    }));
    const rows = await screen.findAllByTestId('task-row');
    expect(rows).toHaveLength(2);
    expect(
      within(rows[0]).getByRole('link', {
        name: 'Add pagination to refunds, Opens in a new window',
      }),
    ).toHaveAttribute('href', 'https://github.com/acme/payments/issues/1');
    expect(within(rows[0]).getByText('api')).toBeInTheDocument();
    expect(within(rows[0]).getByText(/3 comments/)).toBeInTheDocument();
    expect(within(rows[0]).getByText('Thriving')).toBeInTheDocument();
    expect(
      within(rows[0]).getByRole('link', { name: 'Payments gateway' }),
    ).toBeInTheDocument();
    expect(within(rows[1]).getByText('stale')).toBeInTheDocument();
    expect(within(rows[1]).getByText(/assigned to olga/)).toBeInTheDocument();
    expect(screen.getByText('2 tasks')).toBeInTheDocument();
    expect(
      screen.getByRole('checkbox', { name: 'good first issue (1)' }),
    ).not.toBeChecked();
    expect(spy).toHaveBeenCalledWith({
      sort: 'updated',
      limit: 20,
      facets: true,
    });
  });

  it.each([
    [{ total: 1 }, '1 task'],
    [{ total: 3 }, '3 tasks'],
    [{ total: 9_999 }, '9,999 tasks'],
    [{ total: 10_000, totalIsLowerBound: true }, '10,000+ tasks'],
  ])('counts %o as %p', (list, shown) => {
    expect(taskCount(list)).toBe(shown);
  });

  it('shows a count the search stopped at as "10,000+ tasks", and facet counts over part of the matches as lower bounds', async () => {
    await render(async () => ({
      items: [task('1')],
      total: 10_000,
      totalIsLowerBound: true,
      facetsCountedOver: 1_000,
      facets,
    }));
    await screen.findAllByTestId('task-row');
    expect(screen.getByText('10,000+ tasks')).toBeInTheDocument();
    expect(
      screen.getByRole('checkbox', { name: 'good first issue (1+)' }),
    ).toBeInTheDocument();
  });

  it('opens a shared link holding a value the API would refuse, without that value', async () => {
    const spy = await render(
      async () => ({ items: [task('1')], total: 1, facets }),
      '/?q=docs&updatedWithinDays=forever&limit=500&sort=match&label=api',
    );
    await screen.findAllByTestId('task-row');
    expect(spy).toHaveBeenLastCalledWith({
      q: 'docs',
      label: ['api'],
      sort: 'updated',
      limit: 20,
      facets: true,
    });
  });

  it('opens a shared link with the same search, and narrows it with a facet', async () => {
    const spy = await render(
      async () => ({ items: [task('1')], total: 1, facets }),
      '/?q=pagination&label=help%20wanted&goodFirst=true&sort=comments',
    );
    await screen.findAllByTestId('task-row');
    expect(spy).toHaveBeenLastCalledWith(
      expect.objectContaining({
        q: 'pagination',
        label: ['help wanted'],
        goodFirst: true,
        sort: 'comments',
      }),
    );
    expect(
      screen.getByRole('checkbox', { name: 'help wanted (2)' }),
    ).toBeChecked();
    expect(
      screen.getByRole('textbox', { name: 'Search help-wanted tasks' }),
    ).toHaveValue('pagination');

    await userEvent.click(screen.getByRole('checkbox', { name: 'java (2)' }));
    expect(spy).toHaveBeenLastCalledWith(
      expect.objectContaining({ label: ['help wanted'], skill: ['java'] }),
    );
  });

  it('searches the words typed when Enter is pressed, from the first page', async () => {
    const spy = await render(
      async () => ({ items: [task('1')], total: 1, facets }),
      '/?cursor=page-2',
    );
    await screen.findAllByTestId('task-row');
    await userEvent.type(
      screen.getByRole('textbox', { name: 'Search help-wanted tasks' }),
      'refunds{Enter}',
    );
    const last = spy.mock.calls[spy.mock.calls.length - 1][0];
    expect(last.q).toBe('refunds');
    expect(last.cursor).toBeUndefined();
  });

  it('pages with the cursor the backend gives', async () => {
    const spy = await render(async query =>
      query.cursor === 'page-2'
        ? { items: [task('2', { title: 'Second page' })], total: 2, facets }
        : { items: [task('1')], total: 2, facets, nextCursor: 'page-2' },
    );
    await screen.findAllByTestId('task-row');
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText('Second page')).toBeInTheDocument();
    expect(spy).toHaveBeenLastCalledWith(
      expect.objectContaining({ cursor: 'page-2' }),
    );
  });

  it('tells an empty marketplace from a search that matches nothing, and shows errors', async () => {
    const empty = { items: [], total: 0, facets: { ...facets, labels: [] } };
    await render(async () => empty);
    expect(await screen.findByText('No help wanted yet')).toBeInTheDocument();
    // a portal without forge credentials learns how to get issues
    expect(screen.getByText(/GITHUB_TOKEN/)).toBeInTheDocument();
  });

  it('says when filters match nothing', async () => {
    const empty = { items: [], total: 0, facets };
    await render(async () => empty, '/?q=nothing');
    expect(
      await screen.findByText('No task matches these filters'),
    ).toBeInTheDocument();
  });

  it('shows why the tasks could not be loaded', async () => {
    await render(async () => {
      throw new Error('limit must be a whole number from 1 to 100, got "500"');
    });
    expect(
      await screen.findByText(
        'limit must be a whole number from 1 to 100, got "500"',
      ),
    ).toBeInTheDocument();
  });

  it('ranks "for me" by the user\'s skills when switched on, and keeps it in the link', async () => {
    const spy = await render(async query => ({
      items: [task('1', { matchedSkills: query.forMe ? ['java'] : undefined })],
      total: 1,
      facets,
      ...(query.forMe
        ? {
            forMe: {
              skills: ['java', 'go'],
              skillsFrom: 'user' as const,
              hiddenOwners: ['user:default/guest'],
            },
          }
        : {}),
    }));
    await screen.findAllByTestId('task-row');
    await userEvent.click(screen.getByRole('checkbox', { name: 'For me' }));
    expect(spy).toHaveBeenLastCalledWith(
      expect.objectContaining({ forMe: true, sort: 'match' }),
    );
    expect(await screen.findByTestId('for-me-note')).toHaveTextContent(
      'Ranked by your skills: java, go. Projects owned by you or your teams are left out.',
    );
    expect(screen.getByText('matches your skills: java')).toBeInTheDocument();
  });

  it('says why "for me" cannot rank when no skills are known', async () => {
    const spy = await render(
      async () => ({
        items: [task('1')],
        total: 1,
        facets,
        forMe: { skills: [], skillsFrom: 'none', hiddenOwners: [] },
      }),
      '/?forMe=true&sort=comments',
    );
    expect(await screen.findByText(/No skills to rank by/)).toBeInTheDocument();
    expect(spy).toHaveBeenLastCalledWith(
      expect.objectContaining({ forMe: true, sort: 'comments' }),
    );
  });

  it('lists projects asking for help under the same words, and not under task-only filters', async () => {
    const spy = await render(
      async () => ({ items: [], total: 0, facets }),
      '/?q=docs&skill=markdown',
      async () => ({
        items: [
          {
            entityRef: 'component:default/docs-site',
            title: 'Developer docs',
            kind: 'component',
            tags: [],
            skills: ['Markdown'],
            contributions: ['Translate the guides'],
            motivation: 'Every engineer reads these docs first',
            status: 'collected',
            score: 30,
            tier: { name: 'Emerging', color: '#999' },
            refreshedAt: null,
          },
        ],
      }),
    );
    const section = await screen.findByTestId('projects-asking-for-help');
    expect(within(section).getByText('Developer docs')).toBeInTheDocument();
    expect(
      within(section).getByText('Translate the guides'),
    ).toBeInTheDocument();
    expect(
      within(section).getByText('Every engineer reads these docs first'),
    ).toBeInTheDocument();
    expect(spy.projectsSpy).toHaveBeenLastCalledWith(
      expect.objectContaining({ asking: true, q: 'docs', skill: ['markdown'] }),
    );

    await userEvent.click(
      screen.getByRole('checkbox', { name: 'Good first issues only' }),
    );
    expect(
      screen.queryByTestId('projects-asking-for-help'),
    ).not.toBeInTheDocument();
  });

  it('shows more projects asking for help on request, after the ones already shown', async () => {
    const asking = (name: string) => ({
      entityRef: `component:default/${name}`,
      title: name,
      kind: 'component',
      tags: [],
      skills: [],
      contributions: [`Help ${name}`],
      status: 'collected' as const,
      score: 30,
      tier: null,
      refreshedAt: null,
    });
    const spy = await render(
      async () => ({ items: [], total: 0, facets }),
      '/',
      async request =>
        request?.cursor === 'next'
          ? { items: [asking('second')] }
          : { items: [asking('first')], nextCursor: 'next' },
    );
    await userEvent.click(
      await screen.findByRole('button', { name: 'More projects' }),
    );
    expect(await screen.findByText('Help second')).toBeInTheDocument();
    expect(screen.getByText('Help first')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'More projects' }),
    ).not.toBeInTheDocument();
    expect(spy.projectsSpy).toHaveBeenLastCalledWith(
      expect.objectContaining({ asking: true, cursor: 'next' }),
    );
  });

  it('narrows to recently updated tasks, keeping the choice in the link', async () => {
    const spy = await render(
      async () => ({ items: [task('1')], total: 1, facets }),
      '/?updatedWithinDays=30',
    );
    await screen.findAllByTestId('task-row');
    expect(spy).toHaveBeenLastCalledWith(
      expect.objectContaining({ updatedWithinDays: 30 }),
    );
    await userEvent.click(
      screen.getByRole('button', { name: /Tasks updated within|Last 30 days/ }),
    );
    await userEvent.click(
      await screen.findByRole('option', { name: 'Last week' }),
    );
    expect(spy).toHaveBeenLastCalledWith(
      expect.objectContaining({ updatedWithinDays: 7 }),
    );
    await userEvent.click(
      screen.getByRole('button', { name: /Tasks updated within|Last week/ }),
    );
    await userEvent.click(
      await screen.findByRole('option', { name: 'Any time' }),
    );
    expect(spy.mock.calls[spy.mock.calls.length - 1][0]).not.toHaveProperty(
      'updatedWithinDays',
    );
  });

  it('shows a shared link\'s own "updated within" days in the filter', async () => {
    const spy = await render(
      async () => ({ items: [task('1')], total: 1, facets }),
      '/?updatedWithinDays=45',
    );
    await screen.findAllByTestId('task-row');
    expect(spy).toHaveBeenLastCalledWith(
      expect.objectContaining({ updatedWithinDays: 45 }),
    );
    expect(
      screen.getByRole('button', { name: /Tasks updated within/ }),
    ).toHaveTextContent('Last 45 days');
  });
});

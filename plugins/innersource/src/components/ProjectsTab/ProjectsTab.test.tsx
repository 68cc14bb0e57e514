import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type {
  ProjectList,
  ProjectListItem,
  ProjectListRequest,
} from '@innersource-for-backstage/plugin-innersource-common';
import { innersourceApiRef } from '../../api/InnerSourceApi';
import { mockInnerSourceApi, catalogRoutes } from '../../testing/fixtures';
import { ProjectsTab } from './ProjectsTab';

const item = (
  name: string,
  score: number,
  overrides: Partial<ProjectListItem> = {},
): ProjectListItem => ({
  entityRef: `component:default/${name}`,
  title: name,
  kind: 'component',
  owner: 'group:default/platform',
  tags: [],
  skills: ['go'],
  contributions: [],
  status: 'collected',
  score,
  tier: { name: 'Thriving', color: '#2e7d32' },
  refreshedAt: '2026-11-24T10:00:00.000Z',
  activity: { score: 900, band: 'very high' },
  helpWanted: 3,
  lastActivityAt: '2026-11-23T10:00:00.000Z',
  contributeUrl: `https://github.com/acme/${name}/contribute`,
  language: 'Go',
  ...overrides,
});

const facets = {
  tiers: [
    { value: 'Thriving', count: 2 },
    { value: 'Emerging', count: 1 },
  ],
  owners: [{ value: 'group:default/platform', count: 3 }],
  kinds: [{ value: 'component', count: 3 }],
  languages: [{ value: 'Go', count: 3 }],
  skills: [{ value: 'go', count: 3 }],
  tags: [],
};

function render(
  listProjects: (request: ProjectListRequest) => Promise<ProjectList>,
  url = '/',
) {
  return renderInTestApp(<ProjectsTab />, {
    mountedRoutes: catalogRoutes,
    apis: [[innersourceApiRef, mockInnerSourceApi({ listProjects })]],
    initialRouteEntries: [url],
  });
}

// Material UI's menus and tables render slowly under a loaded CI machine.
jest.setTimeout(30_000);

describe('ProjectsTab, the project directory', () => {
  it('shows each project with what it needs, counted, and pages with the cursor the backend gives', async () => {
    const listProjects = jest.fn(async ({ cursor }: ProjectListRequest) =>
      cursor === 'page-2'
        ? { items: [item('second-page', 10)], total: 2, facets }
        : {
            items: [item('portal', 80)],
            nextCursor: 'page-2',
            total: 2,
            facets,
          },
    );
    await render(listProjects);
    expect(await screen.findByText('portal')).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('2 projects');
    expect(screen.getByText('very high')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /^Contribute to portal/ }),
    ).toHaveAttribute('href', 'https://github.com/acme/portal/contribute');
    expect(listProjects).toHaveBeenCalledWith({ limit: 20, facets: true });

    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText('second-page')).toBeInTheDocument();
    expect(listProjects).toHaveBeenLastCalledWith({
      limit: 20,
      facets: true,
      cursor: 'page-2',
    });
  });

  it('filters by a facet and sorts, writing both to the URL, from the first page', async () => {
    const listProjects = jest.fn(async () => ({
      items: [item('portal', 80)],
      total: 1,
      facets,
    }));
    await render(listProjects, '/?cursor=page-2');
    await userEvent.click(
      await screen.findByRole('checkbox', { name: 'Emerging (1)' }),
    );
    await waitFor(() =>
      expect(listProjects).toHaveBeenLastCalledWith({
        tier: ['Emerging'],
        limit: 20,
        facets: true,
      }),
    );
    await userEvent.click(
      screen.getByRole('button', { name: /Sort projects/ }),
    );
    await userEvent.click(
      await screen.findByRole('option', { name: 'Recent activity' }),
    );
    await waitFor(() =>
      expect(listProjects).toHaveBeenLastCalledWith({
        tier: ['Emerging'],
        sort: 'recent',
        limit: 20,
        facets: true,
      }),
    );
  });

  it('starts from a shared link with its filters, order and view', async () => {
    const listProjects = jest.fn(async () => ({
      items: [item('portal', 80)],
      total: 1,
      facets,
    }));
    await render(
      listProjects,
      '/?q=pay&tier=Thriving&language=Go&sort=name&view=cards&cursor=c2',
    );
    expect(await screen.findByTestId('project-card')).toBeInTheDocument();
    expect(listProjects).toHaveBeenCalledWith({
      q: 'pay',
      tier: ['Thriving'],
      language: ['Go'],
      sort: 'name',
      cursor: 'c2',
      limit: 20,
      facets: true,
    });
    expect(
      screen.getByRole('checkbox', { name: 'Thriving (2)' }),
    ).toBeChecked();
    expect(screen.getByRole('button', { name: 'Cards' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
  });

  it('switches between table and cards', async () => {
    await render(async () => ({
      items: [item('portal', 80)],
      total: 1,
      facets,
    }));
    expect(await screen.findByRole('table')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Cards' }));
    expect(await screen.findByTestId('project-card')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Table' }));
    expect(await screen.findByRole('table')).toBeInTheDocument();
  });

  it('exports every project of the current filter as CSV, formulas neutralised', async () => {
    const listProjects = jest.fn(async (request: ProjectListRequest) => {
      if (request.limit !== 100)
        return { items: [item('portal', 80)], total: 2, facets };
      return request.cursor
        ? { items: [item('=evil', 5, { title: '=HYPERLINK("x")' })] }
        : { items: [item('portal', 80)], nextCursor: 'more' };
    });
    let exported: Blob | undefined;
    const createObjectURL = jest.fn((blob: Blob) => {
      exported = blob;
      return 'blob:csv';
    });
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    await render(listProjects, '/?tier=Thriving&sort=name');
    await userEvent.click(
      await screen.findByRole('button', { name: 'Export CSV' }),
    );
    await waitFor(() => expect(exported).toBeDefined());
    expect(listProjects).toHaveBeenCalledWith({
      tier: ['Thriving'],
      sort: 'name',
      limit: 100,
      cursor: 'more',
    });
    const csv = await exported!.text();
    const lines = csv.split('\r\n');
    expect(lines[0]).toMatch(/^Project,Title,Kind,Owner,Tier,Score/);
    expect(lines[1]).toMatch(/^component:default\/portal,portal,/);
    expect(lines[2]).toMatch(
      /^component:default\/=evil,"'=HYPERLINK\(""x""\)",component,/,
    );
  });

  it('links to contribute only over http or https', async () => {
    await render(async () => ({
      items: [
        // eslint-disable-next-line no-script-url
        item('shady', 50, { contributeUrl: 'javascript:alert(1)' }),
      ],
      total: 1,
      facets,
    }));
    const row = (await screen.findByText('shady')).closest('tr')!;
    expect(within(row).queryByRole('link', { name: /Contribute/ })).toBeNull();
  });

  it('explains what to do when no project has been measured, and when none matches', async () => {
    await render(async () => ({ items: [], total: 0, facets }));
    expect(
      await screen.findByText('No InnerSource projects measured yet'),
    ).toBeInTheDocument();
  });

  it('says when no project matches the filters', async () => {
    await render(async () => ({ items: [], total: 0, facets }), '/?q=nothing');
    expect(
      await screen.findByText('No project matches these filters'),
    ).toBeInTheDocument();
  });

  it('shows an error the backend gave', async () => {
    await render(async () => {
      throw new Error('cursor is not valid');
    });
    expect(
      await screen.findByText('Error: Could not load the InnerSource projects'),
    ).toBeInTheDocument();
    expect(screen.getByText('cursor is not valid')).toBeInTheDocument();
  });
});

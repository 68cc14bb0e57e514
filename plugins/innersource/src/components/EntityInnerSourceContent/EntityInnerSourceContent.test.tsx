import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { NotAllowedError } from '@backstage/errors';
import { innersourceApiRef } from '../../api/InnerSourceApi';
import {
  catalogRoutes,
  collectedProject,
  contributors,
  mockInnerSourceApi,
  projectEntity,
} from '../../testing/fixtures';
import { helpWantedRouteRef } from '../../routes';
import { EntityInnerSourceContent } from './EntityInnerSourceContent';

function render(overrides: Parameters<typeof mockInnerSourceApi>[0] = {}) {
  const api = mockInnerSourceApi({
    getProject: async () => collectedProject,
    getContributors: async () => contributors,
    searchTasks: jest.fn(async () => ({
      items: [
        {
          id: 'I_1',
          number: 12,
          title: 'Add pagination to the refunds API',
          url: 'https://github.com/acme/portal/issues/12',
          labels: ['help wanted'],
          goodFirst: false,
          createdAt: '2026-11-01T10:00:00.000Z',
          updatedAt: '2026-11-20T10:00:00.000Z',
          comments: 2,
          stale: false,
          project: {
            entityRef: collectedProject.entityRef,
            skills: [],
            score: 68,
            tier: { name: 'Growing', color: '#f9a825' },
          },
        },
      ],
      total: 14,
      facets: { labels: [], owners: [], skills: [], languages: [], tiers: [] },
    })),
    getHistory: jest.fn(async (_ref, metric) => ({
      entityRef: collectedProject.entityRef,
      metric,
      points: [
        { at: '2026-10-01T12:00:00.000Z', value: 30 },
        { at: '2026-11-01T12:00:00.000Z', value: 42 },
      ],
    })),
    ...overrides,
  });
  return {
    api,
    ...renderInTestApp(
      <EntityProvider entity={projectEntity}>
        <EntityInnerSourceContent />
      </EntityProvider>,
      {
        mountedRoutes: {
          ...catalogRoutes,
          '/innersource/help-wanted': helpWantedRouteRef,
        },
        apis: [[innersourceApiRef, api]],
      },
    ),
  };
}

describe('EntityInnerSourceContent', () => {
  it("lists the project's help-wanted tasks, linking to all of them on the help-wanted page", async () => {
    const { api } = await render();
    const tasks = await screen.findByTestId(
      'innersource-tab-tasks',
      {},
      { timeout: 5000 },
    );
    expect(api.searchTasks).toHaveBeenCalledWith({
      project: ['component:default/portal'],
      limit: 10,
    });
    expect(tasks).toHaveTextContent('Add pagination to the refunds API');
    expect(
      screen.getByRole('link', {
        name: 'All 14 tasks on the help-wanted page',
      }),
    ).toHaveAttribute(
      'href',
      '/innersource/help-wanted?project=component%3Adefault%2Fportal',
    );
  });

  it('shows advice only for the readiness checks that failed', async () => {
    await render();
    const failed = await screen.findByTestId('readiness-contributing');
    expect(failed).toHaveTextContent(
      'Add a CONTRIBUTING.md that tells outsiders how to propose a change.',
    );
    expect(screen.getByTestId('readiness-readme')).not.toHaveTextContent(
      'Add a README.md.',
    );
  });

  it('explains the score dimension by dimension, with the profile used', async () => {
    await render();
    expect(
      await screen.findByTestId('innersource-tab-score'),
    ).toHaveTextContent('68');
    expect(screen.getByTestId('innersource-tab-commits')).toHaveTextContent(
      '42',
    );
    const row = screen
      .getByText(
        'Outside share 13% of a 25% target, 1 of 3 outside contributors.',
      )
      .closest('tr')!;
    expect(
      within(row)
        .getAllByRole('cell')
        .map(c => c.textContent),
    ).toEqual([
      'Collaboration',
      '42',
      '25',
      '10.4',
      'Outside share 13% of a 25% target, 1 of 3 outside contributors.',
    ]);
  });

  it('splits contributors inside, outside and unmapped', async () => {
    await render();
    expect(
      await screen.findByText('Inside the owning team (1)'),
    ).toBeInTheDocument();
    expect(screen.getByText('From other teams (1)')).toBeInTheDocument();
    expect(screen.getByText('Unmapped (1)')).toBeInTheDocument();
    expect(screen.getByText('Mallory')).toBeInTheDocument();
    expect(screen.getByText('5 commits, 1 pull requests')).toBeInTheDocument();
  });

  it('draws the history of the chosen metric', async () => {
    const { api } = await render();
    expect(
      await screen.findByRole('img', {
        name: 'Commits: 2 points from 2026-10-01 to 2026-11-01, between 30 and 42',
      }),
    ).toBeInTheDocument();
    expect(api.getHistory).toHaveBeenCalledWith(
      'component:default/portal',
      'commits',
      90,
    );
  });

  it('offers the metrics by their catalogue labels and reads each in its own format', async () => {
    const { api } = await render({
      getHistory: jest.fn(async (_ref, metric) => ({
        entityRef: collectedProject.entityRef,
        metric,
        points: [
          { at: '2026-10-01T12:00:00.000Z', value: 0.25 },
          { at: '2026-11-01T12:00:00.000Z', value: 0.5 },
        ],
      })),
    });
    expect(
      await screen.findByText(
        'Non-merge commits on the default branch in the window, those of bots and coding agents included. Higher is better.',
      ),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Metric' }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Outside contribution share' }),
    );
    expect(
      await screen.findByRole('img', {
        name: 'Outside contribution share: 2 points from 2026-10-01 to 2026-11-01, between 25% and 50%',
      }),
    ).toBeInTheDocument();
    expect(api.getHistory).toHaveBeenLastCalledWith(
      'component:default/portal',
      'outsideContributionShare',
      90,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Metric' }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Median first response' }),
    );
    expect(
      await screen.findByText(
        /comment or review not by its author, a bot, a coding agent or an ignored user; pull requests with no response yet are left out\. Lower is better\./,
      ),
    ).toBeInTheDocument();
  });

  it('reports a refresh the user may not ask for', async () => {
    await render({
      requestRefresh: async () => {
        throw new NotAllowedError(
          'You may not refresh InnerSource projects (innersource.project.refresh)',
        );
      },
    });
    await userEvent.click(
      (
        await screen.findAllByRole('button', { name: 'Refresh now' })
      )[0],
    );
    await waitFor(() =>
      expect(
        screen.getByText('You may not refresh this project.'),
      ).toBeInTheDocument(),
    );
  });

  it('queues a refresh for a user who may', async () => {
    await render({ requestRefresh: async () => ({ status: 'queued' }) });
    await userEvent.click(
      (
        await screen.findAllByRole('button', { name: 'Refresh now' })
      )[0],
    );
    expect(
      await screen.findByText('Refresh queued; reload in a moment.'),
    ).toBeInTheDocument();
  });
});

import { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ProjectSummary } from '@innersource-for-backstage/plugin-innersource-common';
import { innersourceApiRef } from '../../api/InnerSourceApi';
import {
  collectedProject,
  mockInnerSourceApi,
  projectEntity,
} from '../../testing/fixtures';
import { helpWantedRouteRef } from '../../routes';
import { EntityInnerSourceCard } from './EntityInnerSourceCard';

function render(
  entity: Entity,
  getProject: () => Promise<ProjectSummary>,
  config = {},
) {
  return renderInTestApp(
    <EntityProvider entity={entity}>
      <EntityInnerSourceCard />
    </EntityProvider>,
    {
      apis: [[innersourceApiRef, mockInnerSourceApi({ getProject })]],
      config,
      mountedRoutes: { '/innersource/help-wanted': helpWantedRouteRef },
    },
  );
}

const never = () => new Promise<ProjectSummary>(() => {});

describe('EntityInnerSourceCard', () => {
  it('tells the owner how to opt in when the entity is not an InnerSource project, without asking the backend', async () => {
    const getProject = jest.fn(never);
    await render(
      {
        ...projectEntity,
        metadata: { ...projectEntity.metadata, tags: ['java'] },
      },
      getProject,
    );
    expect(
      await screen.findByTestId('innersource-not-a-project'),
    ).toHaveTextContent('innersource/enabled: "true"');
    expect(getProject).not.toHaveBeenCalled();
  });

  it('follows the selector configured in app-config', async () => {
    const library = {
      ...projectEntity,
      metadata: { ...projectEntity.metadata, tags: [] },
      spec: { ...projectEntity.spec, type: 'library' },
    };
    await render(
      library,
      async () => ({ ...collectedProject, status: 'pending', score: null }),
      {
        innersource: { selector: { 'spec.type': 'library' } },
      },
    );
    expect(await screen.findByText('Not collected yet')).toBeInTheDocument();
  });

  it('shows progress while the profile loads', async () => {
    await render(projectEntity, never);
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('explains a profile that could not be loaded', async () => {
    await render(projectEntity, async () => {
      throw new Error('Request failed with 503 Service Unavailable');
    });
    expect(
      await screen.findByText('Error: Could not load the InnerSource profile'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Request failed with 503 Service Unavailable'),
    ).toBeInTheDocument();
  });

  it('shows a project not collected yet', async () => {
    await render(projectEntity, async () => ({
      ...collectedProject,
      status: 'pending',
      score: null,
      tier: null,
      metrics: null,
    }));
    expect(await screen.findByText('Not collected yet')).toBeInTheDocument();
  });

  it('says why collection failed when there is no data at all', async () => {
    await render(projectEntity, async () => ({
      ...collectedProject,
      status: 'failed',
      score: null,
      tier: null,
      metrics: null,
      errors: [
        {
          message:
            'repository acme/portal not found or the GitHub token cannot read it',
          at: '2026-11-24T10:00:00.000Z',
        },
      ],
    }));
    expect(
      await screen.findByText('Error: Collection failed'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'repository acme/portal not found or the GitHub token cannot read it',
      ),
    ).toBeInTheDocument();
  });

  it('shows score, tier, profile, dimensions and key metrics', async () => {
    await render(projectEntity, async () => collectedProject);
    expect(await screen.findByTestId('innersource-score')).toHaveTextContent(
      '68',
    );
    expect(screen.getByTestId('innersource-tier')).toHaveTextContent('Growing');
    expect(
      screen.getByTestId('innersource-profile').parentElement,
    ).toHaveTextContent('scored by the libraries profile');
    expect(screen.getByTestId('innersource-metric-commits')).toHaveTextContent(
      '42',
    );
    expect(
      screen.getByTestId('innersource-metric-contributors'),
    ).toHaveTextContent('5');
    expect(screen.getByText('13%')).toBeInTheDocument();
    expect(
      screen.getByText('Responsiveness:').parentElement ??
        screen.getByText(/Responsiveness/),
    ).toHaveTextContent('unknown');
    expect(
      screen.getByRole('img', {
        name: /^Commits per week for the last 13 weeks, oldest first: 0, 1, 2/,
      }),
    ).toBeInTheDocument();
  });

  it('labels each key metric, explaining on hover what it counts and which way is better', async () => {
    await render(projectEntity, async () => collectedProject);
    await userEvent.hover(await screen.findByText('Unmapped contributors'));
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'Contributors matched to no catalog user: counted apart, never guessed. Lower is better.',
    );
  });

  it('shows which way each metric moved since the trend point, green when better and red when worse for the project', async () => {
    await render(projectEntity, async () => ({
      ...collectedProject,
      trend: {
        since: '2026-10-27T12:00:00.000Z',
        metrics: {
          commits: 30,
          contributors: 6,
          unmappedContributors: 2,
          outsideContributionShare: 0.05,
        },
      },
    }));
    const commits = await screen.findByTestId('innersource-trend-commits');
    expect(commits).toHaveTextContent('+12');
    expect(commits).toHaveAttribute('data-assessment', 'better');
    expect(commits).toHaveStyle({ color: '#2e7d32' });
    const contributors = screen.getByTestId('innersource-trend-contributors');
    expect(contributors).toHaveTextContent('\u22121');
    expect(contributors).toHaveAttribute('data-assessment', 'worse');
    expect(contributors).toHaveStyle({ color: '#c62828' });
    expect(
      screen.getByTestId('innersource-trend-outsideContributionShare'),
    ).toHaveTextContent('+8 pts');
    // unchanged, and not recorded at the trend point: no arrow
    expect(
      screen.queryByTestId('innersource-trend-unmappedContributors'),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByTestId('innersource-trend-openHelpWanted'),
    ).not.toBeInTheDocument();
    // the value itself reads as before
    expect(screen.getByTestId('innersource-metric-commits')).toHaveTextContent(
      /^42$/,
    );

    await userEvent.hover(commits);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'Up 12 since Oct 27, 2026: better for the project',
    );
  });

  it('shows no trend before the history reaches back far enough', async () => {
    await render(projectEntity, async () => collectedProject);
    await screen.findByTestId('innersource-score');
    expect(screen.queryByTestId(/^innersource-trend-/)).not.toBeInTheDocument();
  });

  it('keeps showing the last good data with a warning when the latest refresh failed', async () => {
    await render(projectEntity, async () => ({
      ...collectedProject,
      errors: [
        {
          message: 'git fetch timed out after 120 s',
          at: '2026-11-24T11:00:00.000Z',
        },
      ],
    }));
    expect(await screen.findByTestId('innersource-score')).toHaveTextContent(
      '68',
    );
    expect(
      screen.getByText(
        'Warning: The last refresh failed; showing the last good data',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/git fetch timed out after 120 s/),
    ).toBeInTheDocument();
  });

  it('links the open help-wanted and good-first counts to the help-wanted page, filtered to the project', async () => {
    await render(projectEntity, async () => collectedProject);
    const helpWanted = await screen.findByTestId(
      'innersource-metric-help-wanted',
    );
    expect(helpWanted).toHaveTextContent('2');
    expect(helpWanted.querySelector('a')).toHaveAttribute(
      'href',
      '/innersource/help-wanted?project=component%3Adefault%2Fportal',
    );
    expect(
      screen.getByTestId('innersource-metric-good-first').querySelector('a'),
    ).toHaveAttribute(
      'href',
      '/innersource/help-wanted?project=component%3Adefault%2Fportal&goodFirst=true',
    );
  });
});

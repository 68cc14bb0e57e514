import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import type { ProjectMetrics } from '@innersource-for-backstage/plugin-innersource-common';
import { collectedProject } from '../../testing/fixtures';
import { NewcomerFunnel } from './NewcomerFunnel';

const metrics = (over: Partial<ProjectMetrics>): ProjectMetrics => ({
  ...collectedProject.metrics!,
  ...over,
});

describe('NewcomerFunnel', () => {
  it.each<[string, Partial<ProjectMetrics>, string, string, string]>([
    [
      'a funnel with returning newcomers and an agent',
      {
        newContributors: 3,
        outsideNewContributors: 1,
        newcomerReturnRate: 0.5,
        agentContributions: 1,
      },
      'New contributors: 3, 1 from outside the team',
      'Newcomer return rate: 50% came back',
      'Bot and agent contributions: 1, counted apart from people',
    ],
    [
      'a provider that cannot tell',
      {
        newContributors: null,
        outsideNewContributors: null,
        newcomerReturnRate: null,
        agentContributions: null,
      },
      'New contributors: unknown',
      'Newcomer return rate: unknown',
      'Bot and agent contributions: unknown, counted apart from people',
    ],
  ])('shows %s', async (_, over, first, second, agents) => {
    await renderInTestApp(<NewcomerFunnel metrics={metrics(over)} />);
    expect(screen.getByTestId('innersource-funnel-first')).toHaveTextContent(
      first,
    );
    expect(screen.getByTestId('innersource-funnel-second')).toHaveTextContent(
      second,
    );
    expect(screen.getByTestId('innersource-funnel-agents')).toHaveTextContent(
      agents,
    );
  });
});

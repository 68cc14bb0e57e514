import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import type { GroupSummary } from '@innersource-for-backstage/plugin-innersource-common';
import { innersourceApiRef } from '../../api/InnerSourceApi';
import { mockInnerSourceApi, catalogRoutes } from '../../testing/fixtures';
import { EntityInnerSourceGroupCard } from './EntityInnerSourceGroupCard';

const group = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'platform-team', namespace: 'default' },
  spec: { type: 'team' },
};

async function render(summary: GroupSummary) {
  const getGroup = jest.fn(async () => summary);
  await renderInTestApp(
    <EntityProvider entity={group}>
      <EntityInnerSourceGroupCard />
    </EntityProvider>,
    {
      mountedRoutes: catalogRoutes,
      apis: [[innersourceApiRef, mockInnerSourceApi({ getGroup })]],
    },
  );
  return getGroup;
}

describe('EntityInnerSourceGroupCard', () => {
  it("lists the team's projects and the contributions across team lines", async () => {
    const getGroup = await render({
      groupRef: 'group:default/platform-team',
      projects: [
        {
          entityRef: 'component:default/portal',
          title: 'Portal',
          kind: 'component',
          tags: [],
          skills: [],
          contributions: [],
          status: 'collected',
          score: 81,
          tier: { name: 'Thriving', color: '#2e7d32' },
          refreshedAt: null,
        },
      ],
      received: [
        {
          counterpart: 'group:default/payments-team',
          projectRef: 'component:default/portal',
          contributors: 2,
          contributions: 7,
        },
      ],
      given: [],
    });
    expect(getGroup).toHaveBeenCalledWith('group:default/platform-team');
    expect(await screen.findByText('Projects (1)')).toBeInTheDocument();
    expect(screen.getByText('81')).toBeInTheDocument();
    expect(screen.getByText('Thriving')).toBeInTheDocument();
    expect(screen.getByText(/7 contributions by 2 people/)).toBeInTheDocument();
    expect(
      screen.getByText(
        "This team has not contributed to other teams' projects yet.",
      ),
    ).toBeInTheDocument();
  });

  it('says when the team owns no InnerSource projects', async () => {
    await render({
      groupRef: 'group:default/platform-team',
      projects: [],
      received: [],
      given: [],
    });
    expect(
      await screen.findByText('This team owns no InnerSource projects yet.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('No contributions from other teams yet.'),
    ).toBeInTheDocument();
  });
});

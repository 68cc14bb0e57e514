import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import type { ProjectListItem } from '@innersource-for-backstage/plugin-innersource-common';
import { innersourceApiRef } from '../../api/InnerSourceApi';
import { helpWantedRouteRef } from '../../routes';
import { catalogRoutes, mockInnerSourceApi } from '../../testing/fixtures';
import { LookingForHelpContent } from './LookingForHelpCard';

const project: ProjectListItem = {
  entityRef: 'component:default/payments',
  title: 'Payments',
  kind: 'component',
  tags: [],
  skills: [],
  contributions: ['adapters'],
  status: 'collected',
  score: 71,
  tier: { name: 'Thriving', color: '#2e7d32' },
  refreshedAt: null,
  helpWanted: 3,
  contributeUrl: 'https://github.com/acme/payments/contribute',
};

function render(listProjects: () => Promise<any>) {
  return renderInTestApp(<LookingForHelpContent />, {
    mountedRoutes: {
      ...catalogRoutes,
      '/innersource/help-wanted': helpWantedRouteRef,
    },
    apis: [[innersourceApiRef, mockInnerSourceApi({ listProjects })]],
  });
}

describe('LookingForHelpContent, the home page card', () => {
  it('lists the best-scored projects asking for help, linking their tasks and how to contribute', async () => {
    const listProjects = jest.fn(async () => ({ items: [project] }));
    await render(listProjects);
    expect(await screen.findByText('Payments')).toBeInTheDocument();
    expect(listProjects).toHaveBeenCalledWith({
      lookingForHelp: true,
      sort: 'score',
      limit: 5,
    });
    expect(screen.getByRole('link', { name: '3 open tasks' })).toHaveAttribute(
      'href',
      '/innersource/help-wanted?project=component%3Adefault%2Fpayments',
    );
    expect(screen.getByText(/asks for adapters/)).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /^Contribute to Payments/ }),
    ).toHaveAttribute('href', 'https://github.com/acme/payments/contribute');
  });

  it('says when no project asks for help', async () => {
    await render(async () => ({ items: [] }));
    expect(
      await screen.findByText('No project is asking for help'),
    ).toBeInTheDocument();
  });

  it('shows an error the backend gave', async () => {
    await render(async () => {
      throw new Error('Service Unavailable');
    });
    expect(await screen.findByText('Service Unavailable')).toBeInTheDocument();
  });
});

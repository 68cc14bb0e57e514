import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import type { InnerSourceProjectDocument } from '@innersource-for-backstage/plugin-innersource-common';
import { catalogRoutes } from '../../testing/fixtures';
import {
  InnerSourceProjectSearchResultListItem,
  InnerSourceTaskSearchResultListItem,
} from './InnerSourceSearchResultListItems';

const task = {
  title: 'Add idempotency keys to the refunds endpoint',
  text: 'Help wanted on Payment gateway, owned by payments-team. Labels: help wanted, api.',
  location: 'https://github.com/acme/payment-gateway/issues/41',
  entityRef: 'component:default/payment-gateway',
  projectTitle: 'Payment gateway',
  labels: ['help wanted', 'api', 'good first issue'],
  goodFirst: true,
  tier: 'Thriving',
  updatedAt: '2026-11-20T10:00:00.000Z',
};

const project: InnerSourceProjectDocument = {
  title: 'Developer docs',
  text: 'Asks for help with: Translate the guides.',
  location: '/catalog/default/component/docs-site/innersource',
  entityRef: 'component:default/docs-site',
  tier: 'Emerging',
  score: 30,
  skills: ['Markdown'],
  contributions: ['Translate the guides'],
};

describe('InnerSource search result items', () => {
  it('shows a task with its issue link, labels, project and tier', async () => {
    await renderInTestApp(
      <InnerSourceTaskSearchResultListItem result={task} />,
      { mountedRoutes: catalogRoutes },
    );
    const title = await screen.findByRole('link', {
      name: /Add idempotency keys to the refunds endpoint/,
    });
    expect(title).toHaveAttribute('href', task.location);
    expect(screen.getByText(/Labels: help wanted, api/)).toBeInTheDocument();
    expect(screen.getByText('good first issue')).toBeInTheDocument();
    expect(screen.getByText('api')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Payment gateway' }),
    ).toHaveAttribute('href', '/catalog/default/component/payment-gateway');
    expect(screen.getByText('Tier: Thriving')).toBeInTheDocument();
  });

  it('marks the words the search matched', async () => {
    await renderInTestApp(
      <InnerSourceTaskSearchResultListItem
        result={task}
        highlight={{
          preTag: '<em>',
          postTag: '</em>',
          fields: { title: 'Add <em>idempotency</em> keys' },
        }}
      />,
      { mountedRoutes: catalogRoutes },
    );
    const mark = await screen.findByText('idempotency');
    expect(mark.tagName).toBe('MARK');
  });

  it('shows a project with its score, skills and that it asks for help', async () => {
    await renderInTestApp(
      <InnerSourceProjectSearchResultListItem result={project} />,
      { mountedRoutes: catalogRoutes },
    );
    expect(
      await screen.findByRole('link', { name: 'Developer docs' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/docs-site/innersource',
    );
    expect(screen.getByText('Tier: Emerging (30)')).toBeInTheDocument();
    expect(screen.getByText('Markdown')).toBeInTheDocument();
    expect(screen.getByText('asks for help')).toBeInTheDocument();
  });

  it('renders nothing without a result', async () => {
    await renderInTestApp(
      <div data-testid="empty">
        <InnerSourceProjectSearchResultListItem />
      </div>,
    );
    expect((await screen.findByTestId('empty')).childElementCount).toBe(0);
  });
});

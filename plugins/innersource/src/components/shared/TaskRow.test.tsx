import { renderInTestApp } from '@backstage/frontend-test-utils';
import type { TaskListItem } from '@innersource-for-backstage/plugin-innersource-common';
import { screen } from '@testing-library/react';
import { catalogRoutes } from '../../testing/fixtures';
import { TaskRow } from './TaskRow';

const task = (url: string): TaskListItem => ({
  id: 'I_1',
  number: 1,
  title: 'Document the refresh job',
  url,
  labels: ['help wanted'],
  goodFirst: false,
  createdAt: '2026-11-01T10:00:00.000Z',
  updatedAt: '2026-11-20T10:00:00.000Z',
  comments: 0,
  stale: false,
  project: {
    entityRef: 'component:default/payments',
    skills: [],
    score: 50,
    tier: null,
  },
});

describe('TaskRow', () => {
  it('links the task to its issue', async () => {
    await renderInTestApp(
      <TaskRow task={task('https://github.com/acme/payments/issues/1')} />,
      { mountedRoutes: catalogRoutes },
    );
    expect(
      screen.getByRole('link', { name: /Document the refresh job/ }),
    ).toHaveAttribute('href', 'https://github.com/acme/payments/issues/1');
  });

  // eslint-disable-next-line no-script-url -- the URL a hostile issue could carry
  it.each(['javascript:alert(document.cookie)', 'not a url at all'])(
    'shows a task whose URL is %p as text, never as a link',
    async url => {
      await renderInTestApp(<TaskRow task={task(url)} />, {
        mountedRoutes: catalogRoutes,
      });
      expect(screen.getByText('Document the refresh job')).toBeInTheDocument();
      expect(
        screen.queryByRole('link', { name: /Document the refresh job/ }),
      ).not.toBeInTheDocument();
    },
  );
});

import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ProjectListItem } from '@internal/plugin-innersource-common';
import { innersourceApiRef } from '../../api/InnerSourceApi';
import { mockInnerSourceApi, catalogRoutes } from '../../testing/fixtures';
import { ProjectsTab } from './ProjectsTab';

const item = (name: string, score: number): ProjectListItem => ({
  entityRef: `component:default/${name}`,
  title: name,
  kind: 'component',
  tags: [],
  skills: [],
  contributions: [],
  status: 'collected',
  score,
  tier: { name: 'Growing', color: '#f9a825' },
  refreshedAt: '2026-11-24T10:00:00.000Z',
});

describe('ProjectsTab', () => {
  it('ranks projects and pages with the cursor the backend gives, keeping it in the URL', async () => {
    const listProjects = jest.fn(async ({ cursor }: { cursor?: string }) =>
      cursor === 'page-2'
        ? { items: [item('second-page', 10)] }
        : { items: [item('portal', 80)], nextCursor: 'page-2' },
    );
    await renderInTestApp(<ProjectsTab />, {
      mountedRoutes: catalogRoutes,
      apis: [[innersourceApiRef, mockInnerSourceApi({ listProjects })]],
    });
    expect(await screen.findByText('portal')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText('second-page')).toBeInTheDocument();
    expect(listProjects).toHaveBeenLastCalledWith({
      limit: 20,
      cursor: 'page-2',
    });
    expect(screen.getByRole('button', { name: 'Next' })).toBeDisabled();
  });

  it('starts from a shared link at the page it names', async () => {
    const listProjects = jest.fn(async () => ({
      items: [item('second-page', 10)],
    }));
    await renderInTestApp(<ProjectsTab />, {
      mountedRoutes: catalogRoutes,
      apis: [[innersourceApiRef, mockInnerSourceApi({ listProjects })]],
      initialRouteEntries: ['/?cursor=page-2'],
    });
    expect(await screen.findByText('second-page')).toBeInTheDocument();
    expect(listProjects).toHaveBeenCalledWith({ limit: 20, cursor: 'page-2' });
  });

  it('explains what to do when no project has been measured', async () => {
    await renderInTestApp(<ProjectsTab />, {
      mountedRoutes: catalogRoutes,
      apis: [
        [
          innersourceApiRef,
          mockInnerSourceApi({ listProjects: async () => ({ items: [] }) }),
        ],
      ],
    });
    expect(
      await screen.findByText('No InnerSource projects measured yet'),
    ).toBeInTheDocument();
  });

  it('shows an error the backend gave', async () => {
    await renderInTestApp(<ProjectsTab />, {
      mountedRoutes: catalogRoutes,
      apis: [
        [
          innersourceApiRef,
          mockInnerSourceApi({
            listProjects: async () => {
              throw new Error('cursor is not valid');
            },
          }),
        ],
      ],
    });
    expect(
      await screen.findByText('Error: Could not load the InnerSource projects'),
    ).toBeInTheDocument();
    expect(screen.getByText('cursor is not valid')).toBeInTheDocument();
  });
});

import { renderInTestApp } from '@backstage/frontend-test-utils';
import type { SignalApi } from '@backstage/plugin-signals-react';
import { signalApiRef } from '@backstage/plugin-signals-react';
import {
  INNERSOURCE_REFRESH_CHANNEL,
  TaskList,
} from '@innersource-for-backstage/plugin-innersource-common';
import { act, screen } from '@testing-library/react';
import { innersourceApiRef } from '../../api/InnerSourceApi';
import { catalogRoutes, mockInnerSourceApi } from '../../testing/fixtures';
import { HelpWantedPage } from './HelpWantedPage';

/** The portal's signals as a page sees them: the test publishes on a channel. */
function fakeSignals() {
  const listeners = new Map<string, (message: any) => void>();
  const api: SignalApi = {
    subscribe(channel, onMessage) {
      listeners.set(channel, onMessage as (message: any) => void);
      return { unsubscribe: () => listeners.delete(channel) };
    },
  };
  return {
    api,
    publish: (channel: string, message: object) =>
      act(() => listeners.get(channel)?.(message)),
  };
}

const list = (titles: string[]): TaskList => ({
  items: titles.map((title, i) => ({
    id: String(i),
    title,
    url: `https://github.com/acme/portal/issues/${i}`,
    labels: ['help wanted'],
    goodFirst: false,
    createdAt: '2026-11-01T10:00:00.000Z',
    updatedAt: '2026-11-20T10:00:00.000Z',
    comments: 0,
    stale: false,
    project: {
      entityRef: 'component:default/portal',
      title: 'Portal',
      owner: 'group:default/platform-team',
      skills: [],
      score: 70,
      tier: { name: 'Thriving', color: '#2e7d32' },
    },
  })),
  total: titles.length,
  facets: {
    labels: [],
    owners: [],
    skills: [],
    languages: [],
    tiers: [],
  },
});

jest.setTimeout(30_000);

describe('HelpWantedPage after a refresh', () => {
  it('searches again when a refresh signals new data, without a reload', async () => {
    const signals = fakeSignals();
    const answers = [
      list(['Type the API']),
      list(['Type the API', 'Add Go bindings']),
    ];
    const searchTasks = jest.fn(async () => answers.shift() ?? list([]));
    await renderInTestApp(<HelpWantedPage />, {
      mountedRoutes: catalogRoutes,
      apis: [
        [
          innersourceApiRef,
          mockInnerSourceApi({
            searchTasks,
            listProjects: async () => ({ items: [] }),
            getNotificationSettings: async () => ({
              digest: false,
              digestAvailable: true,
            }),
          }),
        ],
        [signalApiRef, signals.api],
      ],
    });
    expect(await screen.findByText('Type the API')).toBeInTheDocument();
    expect(screen.queryByText('Add Go bindings')).not.toBeInTheDocument();

    await signals.publish(INNERSOURCE_REFRESH_CHANNEL, {
      at: '2026-11-27T12:00:00.000Z',
    });
    expect(await screen.findByText('Add Go bindings')).toBeInTheDocument();
    expect(searchTasks).toHaveBeenCalledTimes(2);
  });
});

import { renderInTestApp } from '@backstage/frontend-test-utils';
import { signalApiRef, SignalApi } from '@backstage/plugin-signals-react';
import { INNERSOURCE_REFRESH_CHANNEL } from '@innersource-for-backstage/plugin-innersource-common';
import { act, screen } from '@testing-library/react';
import { innersourceApiRef } from '../api/InnerSourceApi';
import { collectedProject, mockInnerSourceApi } from '../testing/fixtures';
import { useProject } from './useProject';

jest.setTimeout(30_000);

const PORTAL = 'component:default/portal';

function Score() {
  const { value, loading } = useProject(PORTAL);
  if (loading) return <span>loading</span>;
  return <span>score {value?.score}</span>;
}

describe('useProject', () => {
  it('fetches the project again when a refresh signals new data on the shared channel', async () => {
    const listeners = new Map<string, (message: any) => void>();
    const signals: SignalApi = {
      subscribe(channel, onMessage) {
        listeners.set(channel, onMessage as (message: any) => void);
        return { unsubscribe: () => listeners.delete(channel) };
      },
    };
    const scores = [72, 55];
    const getProject = jest.fn(async () => ({
      ...collectedProject,
      score: scores.shift() ?? 0,
    }));
    await renderInTestApp(<Score />, {
      apis: [
        [innersourceApiRef, mockInnerSourceApi({ getProject })],
        [signalApiRef, signals],
      ],
    });
    expect(await screen.findByText('score 72')).toBeInTheDocument();
    // no channel names a project: anyone may subscribe to any channel
    expect([...listeners.keys()]).toEqual([INNERSOURCE_REFRESH_CHANNEL]);

    act(() =>
      listeners.get(INNERSOURCE_REFRESH_CHANNEL)!({
        at: '2026-11-24T10:00:00.000Z',
      }),
    );
    // what was shown stays until the new answer arrives
    expect(screen.queryByText('loading')).not.toBeInTheDocument();
    expect(await screen.findByText('score 55')).toBeInTheDocument();
    expect(getProject).toHaveBeenCalledTimes(2);
  });
});

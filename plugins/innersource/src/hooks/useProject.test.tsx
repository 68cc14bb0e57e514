import { renderInTestApp } from '@backstage/frontend-test-utils';
import { signalApiRef, SignalApi } from '@backstage/plugin-signals-react';
import { projectRefreshChannel } from '@innersource-for-backstage/plugin-innersource-common';
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
  it("fetches the project again when a refresh signals its new data, and not for another project's", async () => {
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
    // only this project's channel is listened to
    expect([...listeners.keys()]).toEqual([projectRefreshChannel(PORTAL)]);

    act(() =>
      listeners.get(projectRefreshChannel(PORTAL))!({ entityRef: PORTAL }),
    );
    // what was shown stays until the new answer arrives
    expect(screen.queryByText('loading')).not.toBeInTheDocument();
    expect(await screen.findByText('score 55')).toBeInTheDocument();
    expect(getProject).toHaveBeenCalledTimes(2);
  });
});

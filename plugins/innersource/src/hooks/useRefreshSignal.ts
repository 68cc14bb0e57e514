import { useSignal } from '@backstage/plugin-signals-react';
import { useEffect, useState } from 'react';

/**
 * How many times a refresh has told `channel` that it stored new data since
 * the component mounted: a dependency that makes a fetch run again. Stays 0
 * in a portal without signals.
 */
export function useRefreshSignal(channel: string): number {
  const { lastSignal } = useSignal(channel);
  const [count, setCount] = useState(0);
  useEffect(() => {
    if (lastSignal) setCount(c => c + 1);
  }, [lastSignal]);
  return count;
}

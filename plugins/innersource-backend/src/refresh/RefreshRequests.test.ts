import { mockServices } from '@backstage/backend-test-utils';
import type { ClaimAnswer } from '../database/RefreshRequestLog';
import { portal } from './__testUtils__/fixtures';
import { RefreshRequests } from './RefreshRequests';
import { emptyCounts } from './RunReport';

const LIMITS = { perUserPerHour: 2, globalPerHour: 10, maxConcurrent: 3 };

function setUp(answer: ClaimAnswer, refresh?: () => Promise<never>) {
  const claims: unknown[] = [];
  const runs: Array<[string, number | undefined]> = [];
  const logger = mockServices.logger.mock();
  const requests = new RefreshRequests({
    job: {
      async refreshEntity(entity, runId) {
        runs.push([entity.metadata.name, runId]);
        if (refresh) return refresh();
        return emptyCounts();
      },
    },
    log: {
      async claim(request) {
        claims.push(request);
        return answer;
      },
    },
    logger,
    limits: LIMITS,
    abandonAfterMs: 1_800_000,
    now: () => new Date('2026-11-24T10:00:00.000Z'),
  });
  return { requests, claims, runs, logger };
}

describe('RefreshRequests', () => {
  it('claims the project for whom asked, then refreshes it on the claimed run row', async () => {
    const { requests, claims, runs } = setUp({ outcome: 'queued', runId: 42 });

    await expect(requests.request(portal, 'user:default/alice')).resolves.toBe(
      'queued',
    );
    await requests.settled();

    expect(claims).toEqual([
      {
        entityRef: 'component:default/portal',
        requestedBy: 'user:default/alice',
        at: new Date('2026-11-24T10:00:00.000Z'),
        limits: LIMITS,
        abandonAfterMs: 1_800_000,
      },
    ]);
    expect(runs).toEqual([['portal', 42]]);
  });

  it.each<[string, ClaimAnswer, unknown]>([
    ['already queued', { outcome: 'already queued' }, 'already queued'],
    [
      'capped',
      { outcome: 'capped', message: 'too many', retryAfterSeconds: 60 },
      { capped: 'too many', retryAfterSeconds: 60 },
    ],
  ])(
    'starts nothing when the claim answers %s',
    async (_what, claim, answer) => {
      const { requests, runs } = setUp(claim);
      await expect(
        requests.request(portal, 'user:default/alice'),
      ).resolves.toEqual(answer);
      await requests.settled();
      expect(runs).toEqual([]);
    },
  );

  it('logs a refresh that fails, without failing the request that queued it', async () => {
    const { requests, logger } = setUp({ outcome: 'queued', runId: 7 }, () =>
      Promise.reject(new Error('catalog unavailable')),
    );
    await expect(requests.request(portal, 'user:default/alice')).resolves.toBe(
      'queued',
    );
    await requests.settled();
    expect(logger.warn).toHaveBeenCalledWith(
      'InnerSource refresh of component:default/portal failed: Error: catalog unavailable',
    );
  });
});

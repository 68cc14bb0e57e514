import type { Knex } from 'knex';
import { HOUR_MS } from '@innersource-for-backstage/plugin-innersource-common';

/** How many refreshes may be asked for from the API (innersource.refresh). */
export interface RefreshLimits {
  /** Refreshes one user (or service) may ask for in an hour. */
  perUserPerHour: number;
  /** Refreshes everyone together may ask for in an hour. */
  globalPerHour: number;
  /** Requested refreshes running at once, over every replica. */
  maxConcurrent: number;
}

export interface RefreshClaim {
  entityRef: string;
  /** The user or service entity ref that asked. */
  requestedBy: string;
  at: Date;
  limits: RefreshLimits;
  /** A requested run still marked running after this long was abandoned by its replica. */
  abandonAfterMs: number;
}

export type ClaimAnswer =
  | { outcome: 'queued'; runId: number }
  | { outcome: 'already queued' }
  | { outcome: 'capped'; message: string; retryAfterSeconds: number };

/** Any number that names this lock among the portal's advisory locks. */
const CLAIM_LOCK = 0x1a5e_7e0f;

const requests = (tx: Knex) =>
  tx('innersource_refresh_runs').where({ trigger: 'request' });

/**
 * Refreshes asked for from the API, through the database so every replica
 * sees the same queue and the same counts: a project queued on one replica is
 * not queued again on another, and the caps hold over all of them.
 */
export class RefreshRequestLog {
  constructor(private readonly db: Knex) {}

  /** Queues a refresh as a running run row, unless one is queued or a cap is reached. */
  async claim(request: RefreshClaim): Promise<ClaimAnswer> {
    return this.db.transaction(async tx => {
      // Claims one at a time over all replicas; SQLite writes one at a time anyway.
      if (this.db.client.config.client === 'pg') {
        await tx.raw('select pg_advisory_xact_lock(?)', [CLAIM_LOCK]);
      }
      const at = request.at.getTime();
      await abandonRuns(tx, {
        trigger: 'request',
        startedBefore: new Date(at - request.abandonAfterMs),
        at: request.at,
      });
      const queued = await requests(tx)
        .where({ status: 'running', entity_ref: request.entityRef })
        .first('id');
      if (queued) return { outcome: 'already queued' as const };

      const capped = await this.cap(tx, request);
      if (capped) return capped;

      const [row] = await tx('innersource_refresh_runs')
        .insert({
          started_at: request.at.toISOString(),
          status: 'running',
          trigger: 'request',
          entity_ref: request.entityRef,
          requested_by: request.requestedBy,
        })
        .returning('id');
      return {
        outcome: 'queued' as const,
        runId: typeof row === 'object' ? row.id : row,
      };
    });
  }

  private async cap(
    tx: Knex.Transaction,
    { at, limits, requestedBy }: RefreshClaim,
  ): Promise<ClaimAnswer | undefined> {
    const running = await count(requests(tx).where({ status: 'running' }));
    if (running >= limits.maxConcurrent) {
      return {
        outcome: 'capped',
        message: `${running} requested refreshes are running, the most innersource.refresh.maxConcurrent allows; try again in a minute`,
        retryAfterSeconds: 60,
      };
    }
    const hourAgo = new Date(at.getTime() - HOUR_MS).toISOString();
    const mine = requests(tx)
      .where({ requested_by: requestedBy })
      .andWhere('started_at', '>', hourAgo);
    if ((await count(mine.clone())) >= limits.perUserPerHour) {
      return {
        outcome: 'capped',
        message: `you asked for ${limits.perUserPerHour} refreshes in the last hour, the most innersource.refresh.perUserPerHour allows; the scheduled refresh still collects every project`,
        retryAfterSeconds: await retryAfter(mine, at),
      };
    }
    const everyone = requests(tx).andWhere('started_at', '>', hourAgo);
    if ((await count(everyone.clone())) >= limits.globalPerHour) {
      return {
        outcome: 'capped',
        message: `${limits.globalPerHour} refreshes were asked for in the last hour, the most innersource.refresh.globalPerHour allows; the scheduled refresh still collects every project`,
        retryAfterSeconds: await retryAfter(everyone, at),
      };
    }
    return undefined;
  }
}

async function count(query: Knex.QueryBuilder): Promise<number> {
  const [row] = await query.count({ n: '*' });
  return Number(row.n);
}

/** Seconds until the oldest request of the last hour stops counting. */
async function retryAfter(query: Knex.QueryBuilder, at: Date) {
  const oldest = await query.orderBy('started_at').first('started_at');
  const free = oldest ? Date.parse(oldest.started_at) + HOUR_MS : 0;
  return Math.max(1, Math.ceil((free - at.getTime()) / 1000));
}

export const ABANDONED_MESSAGE =
  'abandoned: the replica running it stopped (or the run outlived its timeout) before it ended';

/** Ends the run rows that replicas left running: a replica stopped, or the run outlived its timeout. */
export async function abandonRuns(
  db: Knex,
  runs: { trigger: 'schedule' | 'request'; startedBefore: Date; at: Date },
): Promise<number> {
  return db('innersource_refresh_runs')
    .where({ trigger: runs.trigger, status: 'running' })
    .andWhere('started_at', '<', runs.startedBefore.toISOString())
    .update({
      status: 'failed',
      finished_at: runs.at.toISOString(),
      message: ABANDONED_MESSAGE,
    });
}

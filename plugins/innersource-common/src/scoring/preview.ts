import type { AggregateScope } from './describe';
import type { Entity } from '@backstage/catalog-model';
import type { TierDefinition } from '../score';
import type { ScoringConfig } from './config';
import { scoringProfileOrDefault } from './config';
import { SCORE_BUCKETS, scoreBucket } from './histogram';
import { scoreProject, ScoringInput } from './model';

/** @public */
export interface PreviewProject {
  entityRef: string;
  entity: Entity;
  input: ScoringInput;
  current: { score: number; tier: string };
}

/** @public */
export interface TierCount {
  tier: string;
  count: number;
}

/** @public */
export interface TierChange {
  entityRef: string;
  before: { score: number; tier: string };
  after: { score: number; tier: string; profile: string };
  delta: number;
}

/** @public */
export interface ScoringPreview {
  projects: number;
  /**
   * The candidate's tiers (of its default model), highest first, so a reader
   * colours `after` and its histogram without parsing the candidate itself.
   */
  tiers: TierDefinition[];
  before: TierCount[];
  after: TierCount[];
  /** Scores per bucket of 10 points (see scoreHistogram), now and under the candidate. */
  histogram: { before: number[]; after: number[] };
  /** Projects whose tier changes, largest score change first. */
  changes: TierChange[];
  /** Entities whose scoring-profile annotation names no profile of the candidate. */
  profileErrors: Array<{ entityRef: string; error: string }>;
}

/**
 * The body of `POST /api/innersource/scoring/preview`.
 *
 * @public
 */
export interface ScoringPreviewResponse extends ScoringPreview {
  /** The projects that change tier; `changes` names at most 200 of them. */
  changedProjects: number;
  /** Which projects every count covers: only those the caller may read in the catalog. */
  scope: AggregateScope;
}

function counts(map: Map<string, number>, order: string[]): TierCount[] {
  const names = [
    ...order,
    ...[...map.keys()].filter(name => !order.includes(name)),
  ];
  return names
    .filter(name => map.has(name))
    .map(tier => ({ tier, count: map.get(tier)! }));
}

/**
 * Scores stored projects under a candidate scoring config, without calling any
 * provider, and compares with the scores they have now. Feed it pages with
 * `add`, then read `result()`.
 *
 * @public
 */
export class ScoringPreviewer {
  private readonly before = new Map<string, number>();
  private readonly after = new Map<string, number>();
  private readonly histogramBefore = new Array<number>(SCORE_BUCKETS).fill(0);
  private readonly histogramAfter = new Array<number>(SCORE_BUCKETS).fill(0);
  private readonly changes: TierChange[] = [];
  private readonly profileErrors: ScoringPreview['profileErrors'] = [];
  private projects = 0;

  constructor(
    private readonly candidate: ScoringConfig,
    private readonly now: Date,
    private readonly currentTierOrder: string[] = [],
  ) {}

  add(projects: PreviewProject[]): void {
    for (const project of projects) {
      this.projects += 1;
      this.before.set(
        project.current.tier,
        (this.before.get(project.current.tier) ?? 0) + 1,
      );
      const profile = scoringProfileOrDefault(project.entity, this.candidate);
      if (profile.error)
        this.profileErrors.push({
          entityRef: project.entityRef,
          error: profile.error,
        });
      const result = scoreProject(
        project.input,
        profile.model,
        this.now,
        profile.name,
      );
      this.histogramBefore[scoreBucket(project.current.score)] += 1;
      this.histogramAfter[scoreBucket(result.score)] += 1;
      this.after.set(
        result.tier.name,
        (this.after.get(result.tier.name) ?? 0) + 1,
      );
      if (result.tier.name !== project.current.tier) {
        this.changes.push({
          entityRef: project.entityRef,
          before: project.current,
          after: {
            score: result.score,
            tier: result.tier.name,
            profile: profile.name,
          },
          delta: result.score - project.current.score,
        });
      }
    }
  }

  result(): ScoringPreview {
    const candidateOrder = this.candidate.model.tiers.map(t => t.name);
    return {
      projects: this.projects,
      tiers: this.candidate.model.tiers.map(({ name, min, color }) => ({
        name,
        min,
        color,
      })),
      before: counts(this.before, this.currentTierOrder),
      after: counts(this.after, candidateOrder),
      histogram: {
        before: [...this.histogramBefore],
        after: [...this.histogramAfter],
      },
      changes: [...this.changes].sort(
        (a, b) =>
          Math.abs(b.delta) - Math.abs(a.delta) ||
          a.entityRef.localeCompare(b.entityRef),
      ),
      profileErrors: this.profileErrors,
    };
  }
}

import type { EntitySelector } from '../catalog';
import type { DimensionId, TierDefinition } from '../score';
import type { ReadinessCheckId } from '../readinessCatalogue';
import type { ScoringConfig } from './config';
import {
  ActivityBreakpoint,
  DIMENSION_IDS,
  DIMENSION_TITLES,
  READINESS_CHECK_IDS,
  READINESS_CHECKS,
  ScoringModel,
} from './model';

/** @public */
export interface DimensionDescription {
  id: DimensionId;
  title: string;
  weight: number;
  /** The weight over the sum of all weights, 0 to 1 (before unknown dimensions pass theirs on). */
  share: number;
  /** In words, how the dimension earns its 0 to 100. */
  description: string;
  breakpoints?: ActivityBreakpoint[];
  targetShare?: number;
  targetContributors?: number;
  targetHours?: number;
}

/** @public */
export interface ReadinessCheckDescription {
  id: ReadinessCheckId;
  title: string;
  /** 0 when the check is switched off. */
  weight: number;
  /** The weight over the sum of all checks' weights, 0 to 1: its part of the readiness dimension. */
  share: number;
  minimum?: number;
  advice: string;
}

/** @public */
export interface ScoringModelDescription {
  dimensions: DimensionDescription[];
  readinessChecks: ReadinessCheckDescription[];
  tiers: TierDefinition[];
}

/**
 * The scoring model in words and numbers: plain JSON.
 *
 * @public
 */
export interface ScoringDescription {
  default: ScoringModelDescription;
  profiles: Array<{
    name: string;
    /** Null when only the `innersource/scoring-profile` annotation picks the profile. */
    filter: EntitySelector | null;
    model: ScoringModelDescription;
  }>;
}

function describeModel(model: ScoringModel): ScoringModelDescription {
  const d = model.dimensions;
  const totalWeight = DIMENSION_IDS.reduce((sum, id) => sum + d[id].weight, 0);
  const checksWeight = READINESS_CHECK_IDS.reduce(
    (sum, id) => sum + model.readiness.checks[id].weight,
    0,
  );
  const common = (id: DimensionId) => ({
    id,
    title: DIMENSION_TITLES[id],
    weight: d[id].weight,
    share: totalWeight > 0 ? d[id].weight / totalWeight : 0,
  });
  return {
    dimensions: [
      {
        ...common('activity'),
        description:
          'The InnerSource Commons Repository Activity Score, mapped to 0-100 by the breakpoints.',
        breakpoints: d.activity.breakpoints.map(({ raw, value }) => ({
          raw,
          value,
        })),
      },
      {
        ...common('readiness'),
        description:
          'The weighted share of the readiness checks the project passes.',
      },
      {
        ...common('collaboration'),
        description: `Half for an outside contribution share of ${Math.round(
          d.collaboration.targetShare * 100,
        )}% or more, half for ${
          d.collaboration.targetContributors
        } or more outside contributors, each in proportion below that.`,
        targetShare: d.collaboration.targetShare,
        targetContributors: d.collaboration.targetContributors,
      },
      {
        ...common('responsiveness'),
        description: `100 when the median time to first response is ${
          d.responsiveness.targetHours
        } h or less, falling linearly to 0 at ${
          4 * d.responsiveness.targetHours
        } h.`,
        targetHours: d.responsiveness.targetHours,
      },
    ],
    readinessChecks: READINESS_CHECK_IDS.map(id => {
      const { weight, minimum } = model.readiness.checks[id];
      return {
        id,
        title: READINESS_CHECKS[id].title,
        weight,
        share: checksWeight > 0 ? weight / checksWeight : 0,
        ...(id === 'goodFirstIssues' ? { minimum: minimum ?? 1 } : {}),
        advice: READINESS_CHECKS[id].advice,
      };
    }),
    tiers: model.tiers.map(({ name, min, color }) => ({ name, min, color })),
  };
}

/**
 * The scoring model in force, as plain JSON for `GET /api/innersource/scoring`.
 *
 * @public
 */
export function describeScoringModel(
  config: ScoringConfig,
): ScoringDescription {
  return {
    default: describeModel(config.model),
    profiles: config.profiles.map(profile => ({
      name: profile.name,
      filter: profile.filter,
      model: describeModel(profile.model),
    })),
  };
}

/**
 * The body of `GET /api/innersource/scoring`.
 *
 * @public
 */
export interface ActiveScoring extends ScoringDescription {
  /** The `innersource.scoring` block in force, as app-config sets it: the start of a candidate. */
  block: Record<string, unknown>;
  /** Today's scores of the listed projects the caller may read, in buckets of 10 points (see scoreHistogram). */
  histogram: number[];
  /** Which projects the counts cover: only those the caller may read in the catalog. */
  scope: AggregateScope;
}

/**
 * Aggregates (counts, histograms, previews) cover the projects the caller may read, and say so.
 *
 * @public
 */
export type AggregateScope = 'projects-you-may-read';
/** @public */
export const AGGREGATE_SCOPE: AggregateScope = 'projects-you-may-read';

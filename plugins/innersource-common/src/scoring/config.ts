import { z } from 'zod';
import type { Entity } from '@backstage/catalog-model';
import {
  EntitySelector,
  INNERSOURCE_ANNOTATIONS,
  matchesSelector,
} from '../catalog';
import type { DimensionId, ReadinessCheckId, TierDefinition } from '../score';
import {
  DEFAULT_SCORING_MODEL,
  DIMENSION_IDS,
  READINESS_CHECK_IDS,
  ScoringModel,
} from './model';

/** A scoring block is invalid; `issues` names every key that is wrong. */
export class ScoringConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(issues.join('; '));
    this.name = 'ScoringConfigError';
  }
}

export interface ScoringProfile {
  name: string;
  filter: EntitySelector;
  model: ScoringModel;
}

/** The validated `innersource.scoring`, every default filled in. */
export interface ScoringConfig {
  model: ScoringModel;
  profiles: ScoringProfile[];
}

const number = z.number();
const weight = z.object({ weight: number.optional() }).passthrough();

const overrideSchema = z
  .object({
    dimensions: z
      .object({
        activity: weight
          .extend({
            breakpoints: z
              .array(z.object({ raw: number, value: number }))
              .min(2)
              .optional(),
          })
          .optional(),
        readiness: weight.optional(),
        collaboration: weight
          .extend({
            targetShare: number.optional(),
            targetContributors: number.optional(),
          })
          .optional(),
        responsiveness: weight
          .extend({ targetHours: number.optional() })
          .optional(),
      })
      .passthrough()
      .optional(),
    readiness: z
      .object({
        checks: z
          .record(
            z.string(),
            z.object({ weight: number.optional(), minimum: number.optional() }),
          )
          .optional(),
      })
      .optional(),
    tiers: z
      .array(
        z.object({ name: z.string().min(1), min: number, color: z.string() }),
      )
      .min(1)
      .optional(),
  })
  .passthrough();

const profileSchema = overrideSchema.extend({
  name: z.string().min(1),
  filter: z
    .record(z.string(), z.union([z.string(), z.array(z.string()).min(1)]))
    .optional(),
});

const scoringSchema = overrideSchema.extend({
  profiles: z.array(profileSchema).optional(),
});

type ModelOverride = z.infer<typeof overrideSchema>;

function keyPath(prefix: string, path: PropertyKey[]): string {
  return path.reduce<string>(
    (key, part) =>
      typeof part === 'number' ? `${key}[${part}]` : `${key}.${String(part)}`,
    prefix,
  );
}

const TYPE_NAMES: Record<string, string> = { array: 'a list', object: 'a map' };

function describeZodIssue(prefix: string, issue: z.core.$ZodIssue): string {
  const key = keyPath(prefix, issue.path);
  switch (issue.code) {
    case 'invalid_type':
      return `${key} must be ${
        TYPE_NAMES[issue.expected] ?? `a ${issue.expected}`
      }`;
    case 'too_small':
      return issue.origin === 'array'
        ? `${key} must have at least ${issue.minimum} entries`
        : `${key} must not be empty`;
    default:
      return `${key}: ${issue.message}`;
  }
}

function mergeModel(base: ScoringModel, override: ModelOverride): ScoringModel {
  const d = override.dimensions ?? {};
  const checks = { ...base.readiness.checks };
  for (const [id, check] of Object.entries(override.readiness?.checks ?? {})) {
    if ((READINESS_CHECK_IDS as string[]).includes(id)) {
      checks[id as ReadinessCheckId] = {
        ...checks[id as ReadinessCheckId],
        ...check,
      } as {
        weight: number;
        minimum?: number;
      };
    }
  }
  const tiers = override.tiers ?? base.tiers;
  return {
    dimensions: {
      activity: {
        ...base.dimensions.activity,
        ...(d.activity as object),
        breakpoints: [
          ...(d.activity?.breakpoints ?? base.dimensions.activity.breakpoints),
        ].sort((a, b) => a.raw - b.raw),
      },
      readiness: { ...base.dimensions.readiness, ...(d.readiness as object) },
      collaboration: {
        ...base.dimensions.collaboration,
        ...(d.collaboration as object),
      },
      responsiveness: {
        ...base.dimensions.responsiveness,
        ...(d.responsiveness as object),
      },
    } as ScoringModel['dimensions'],
    readiness: { checks },
    tiers: tiers.map(t => ({ name: t.name, min: t.min, color: t.color })),
  };
}

const COLOR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

/** The rules zod cannot say: names, signs, sums, tier order. */
function checkModel(
  prefix: string,
  override: ModelOverride,
  merged: ScoringModel,
): string[] {
  const issues: string[] = [];
  const dimensions = (override.dimensions ?? {}) as Record<
    string,
    { weight?: number } | undefined
  >;
  for (const [id, dimension] of Object.entries(dimensions)) {
    if (!(DIMENSION_IDS as string[]).includes(id)) {
      issues.push(
        `${prefix}.dimensions.${id} is not a dimension; expected one of ${DIMENSION_IDS.join(
          ', ',
        )}`,
      );
    } else if (dimension?.weight !== undefined && dimension.weight < 0) {
      issues.push(
        `${prefix}.dimensions.${id}.weight must be 0 or more, got ${dimension.weight}`,
      );
    }
  }
  for (const [id, check] of Object.entries(override.readiness?.checks ?? {})) {
    if (!(READINESS_CHECK_IDS as string[]).includes(id)) {
      issues.push(
        `${prefix}.readiness.checks.${id} is not a readiness check; expected one of ${READINESS_CHECK_IDS.join(
          ', ',
        )}`,
      );
    } else {
      if (check.weight !== undefined && check.weight < 0) {
        issues.push(
          `${prefix}.readiness.checks.${id}.weight must be 0 or more, got ${check.weight}`,
        );
      }
      if (
        check.minimum !== undefined &&
        (!Number.isInteger(check.minimum) || check.minimum < 1)
      ) {
        issues.push(
          `${prefix}.readiness.checks.${id}.minimum must be a whole number of 1 or more, got ${check.minimum}`,
        );
      }
    }
  }
  const c = merged.dimensions.collaboration;
  if (c.targetShare <= 0 || c.targetShare > 1) {
    issues.push(
      `${prefix}.dimensions.collaboration.targetShare must be above 0 and at most 1, got ${c.targetShare}`,
    );
  }
  if (c.targetContributors <= 0) {
    issues.push(
      `${prefix}.dimensions.collaboration.targetContributors must be above 0, got ${c.targetContributors}`,
    );
  }
  if (merged.dimensions.responsiveness.targetHours <= 0) {
    issues.push(
      `${prefix}.dimensions.responsiveness.targetHours must be above 0, got ${merged.dimensions.responsiveness.targetHours}`,
    );
  }
  if (issues.length === 0) {
    if (
      DIMENSION_IDS.reduce(
        (sum, id) => sum + merged.dimensions[id as DimensionId].weight,
        0,
      ) <= 0
    ) {
      issues.push(
        `${prefix}.dimensions weights sum to 0; at least one dimension needs a positive weight`,
      );
    }
    if (
      READINESS_CHECK_IDS.reduce(
        (sum, id) => sum + merged.readiness.checks[id].weight,
        0,
      ) <= 0
    ) {
      issues.push(
        `${prefix}.readiness.checks weights sum to 0; at least one check needs a positive weight`,
      );
    }
  }
  if (override.tiers) issues.push(...checkTiers(prefix, override.tiers));
  return issues;
}

function checkTiers(prefix: string, tiers: TierDefinition[]): string[] {
  const issues: string[] = [];
  const seen = new Map<string, number>();
  tiers.forEach((tier, i) => {
    if (tier.min < 0 || tier.min > 100) {
      issues.push(
        `${prefix}.tiers[${i}].min must be from 0 to 100, got ${tier.min}`,
      );
    }
    if (!COLOR.test(tier.color)) {
      issues.push(
        `${prefix}.tiers[${i}].color must be a colour like #2e7d32, got "${tier.color}"`,
      );
    }
    const earlier = seen.get(tier.name.toLocaleLowerCase('en-US'));
    if (earlier !== undefined) {
      issues.push(
        `${prefix}.tiers[${i}].name "${tier.name}" is already used by tiers[${earlier}]`,
      );
    }
    seen.set(tier.name.toLocaleLowerCase('en-US'), i);
    if (i > 0 && tier.min >= tiers[i - 1].min) {
      issues.push(
        `${prefix}.tiers[${i}].min must be below tiers[${i - 1}].min`,
      );
    }
  });
  const last = tiers[tiers.length - 1];
  if (last && last.min !== 0) {
    issues.push(
      `${prefix}.tiers[${
        tiers.length - 1
      }].min must be 0 so that every score has a tier, got ${last.min}`,
    );
  }
  return issues;
}

/**
 * Validates `innersource.scoring` (as in app-config, or a candidate block for
 * the preview) and fills in the defaults. Throws a ScoringConfigError listing
 * every wrong key.
 */
export function parseScoringConfig(
  raw: unknown,
  prefix = 'innersource.scoring',
): ScoringConfig {
  if (raw === undefined || raw === null) {
    return { model: DEFAULT_SCORING_MODEL, profiles: [] };
  }
  const parsed = scoringSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ScoringConfigError(
      parsed.error.issues.map(issue => describeZodIssue(prefix, issue)),
    );
  }
  const { profiles: rawProfiles = [], ...base } = parsed.data;
  const model = mergeModel(DEFAULT_SCORING_MODEL, base);
  const issues = checkModel(prefix, base, model);

  const names = new Map<string, number>();
  const profiles: ScoringProfile[] = rawProfiles.map((profile, i) => {
    const key = `${prefix}.profiles[${i}]`;
    const earlier = names.get(profile.name);
    if (earlier !== undefined) {
      issues.push(
        `${key}.name "${profile.name}" is already used by profiles[${earlier}]`,
      );
    }
    names.set(profile.name, i);
    const { name, filter, ...override } = profile;
    const merged = mergeModel(model, override);
    issues.push(...checkModel(key, override, merged));
    return { name, filter: filter ?? {}, model: merged };
  });

  if (issues.length) throw new ScoringConfigError(issues);
  return { model, profiles };
}

/**
 * The profile that scores an entity: the one its `innersource/scoring-profile`
 * annotation names, else the first whose filter matches, else the default.
 */
export function selectScoringProfile(
  entity: Entity,
  config: ScoringConfig,
): { name: string; model: ScoringModel } | { error: string } {
  const wanted =
    entity.metadata.annotations?.[
      INNERSOURCE_ANNOTATIONS.scoringProfile
    ]?.trim();
  if (wanted) {
    const named = config.profiles.find(p => p.name === wanted);
    if (!named) {
      return {
        error: `${INNERSOURCE_ANNOTATIONS.scoringProfile} names "${wanted}", but innersource.scoring has no such profile`,
      };
    }
    return { name: named.name, model: named.model };
  }
  const matching = config.profiles.find(p => matchesSelector(entity, p.filter));
  return matching
    ? { name: matching.name, model: matching.model }
    : { name: 'default', model: config.model };
}

/** The active model as JSON, for `GET /api/innersource/scoring`. */
export function describeScoringModel(config: ScoringConfig) {
  return {
    default: config.model,
    profiles: config.profiles.map(p => ({
      name: p.name,
      filter: p.filter,
      model: p.model,
    })),
  };
}

import { z } from 'zod';
import type { Entity } from '@backstage/catalog-model';
import {
  EntitySelector,
  INNERSOURCE_ANNOTATIONS,
  matchesSelector,
} from '../catalog';
import type { DimensionId } from '../score';
import {
  READINESS_CATALOGUE,
  type ReadinessCheckId,
} from '../readinessCatalogue';
import {
  DEFAULT_PROFILE_NAME,
  DEFAULT_SCORING_MODEL,
  DIMENSION_IDS,
  freezeScoringModel,
  READINESS_CHECK_IDS,
  ScoringModel,
} from './model';

/**
 * A scoring block is invalid; `issues` names every key that is wrong.
 *
 * @public
 */
export class ScoringConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(issues.join('; '));
    this.name = 'ScoringConfigError';
  }
}

/** @public */
export interface ScoringProfile {
  name: string;
  /** Null when the profile is only chosen by the `innersource/scoring-profile` annotation. */
  filter: EntitySelector | null;
  /** The top-level model with the profile's overrides merged in. */
  model: ScoringModel;
}

/**
 * The validated `innersource.scoring`, every default filled in.
 *
 * @public
 */
export interface ScoringConfig {
  model: ScoringModel;
  profiles: ScoringProfile[];
}

// Messages of our own checks read after the key: `<key> must be 0 or more, got -1`.
const got = (input: unknown) =>
  typeof input === 'string' ? `"${input}"` : String(input);

const weight = z.number().refine(n => n >= 0, {
  error: issue => `must be 0 or more, got ${got(issue.input)}`,
});
const aboveZero = z.number().refine(n => n > 0, {
  error: issue => `must be above 0, got ${got(issue.input)}`,
});
const percentage = z.number().refine(n => n >= 0 && n <= 100, {
  error: issue => `must be from 0 to 100, got ${got(issue.input)}`,
});

const breakpointsSchema = z
  .array(z.strictObject({ raw: z.number(), value: percentage }))
  .min(2)
  .superRefine((points, ctx) => {
    const seen = new Map<number, number>();
    points.forEach((point, i) => {
      const earlier = seen.get(point.raw);
      if (earlier !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [i, 'raw'],
          message: `must differ from breakpoints[${earlier}].raw, both are ${point.raw}`,
        });
      }
      seen.set(point.raw, i);
    });
  });

const dimensionsSchema = z.strictObject({
  activity: z
    .strictObject({
      weight: weight.optional(),
      breakpoints: breakpointsSchema.optional(),
    })
    .optional(),
  readiness: z.strictObject({ weight: weight.optional() }).optional(),
  collaboration: z
    .strictObject({
      weight: weight.optional(),
      targetShare: z
        .number()
        .refine(n => n > 0 && n <= 1, {
          error: issue =>
            `must be above 0 and at most 1, got ${got(issue.input)}`,
        })
        .optional(),
      targetContributors: aboveZero.optional(),
    })
    .optional(),
  responsiveness: z
    .strictObject({
      weight: weight.optional(),
      targetHours: aboveZero.optional(),
    })
    .optional(),
});

const checkSchema = z.strictObject({ weight: weight.optional() }).optional();
/** A check that counts something (good-first-issues) also takes how many pass. */
const countingCheckSchema = z
  .strictObject({
    weight: weight.optional(),
    minimum: z
      .number()
      .refine(n => Number.isInteger(n) && n >= 1, {
        error: issue =>
          `must be a whole number of 1 or more, got ${got(issue.input)}`,
      })
      .optional(),
  })
  .optional();
const checksSchema = z.strictObject(
  Object.fromEntries(
    READINESS_CATALOGUE.map(check => [
      check.id,
      check.defaultMinimum === undefined ? checkSchema : countingCheckSchema,
    ]),
  ) as Record<
    ReadinessCheckId,
    typeof checkSchema | typeof countingCheckSchema
  >,
);

const COLOR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

/** Colours of the tiers above the lowest, best first, for as many as there are (up to five). */
const TIER_PALETTES: readonly (readonly string[])[] = [
  [],
  ['#2e7d32'],
  ['#2e7d32', '#f9a825'],
  ['#2e7d32', '#7cb342', '#f9a825'],
  ['#2e7d32', '#7cb342', '#f9a825', '#fb8c00'],
  ['#1b5e20', '#2e7d32', '#7cb342', '#f9a825', '#fb8c00'],
];
/** The lowest tier (min 0) is grey: not yet InnerSource. */
const LOWEST_TIER_COLOR = '#9e9e9e';

/**
 * The colour of a tier that sets none, by its place among `count` tiers (best
 * first): greens to amber and orange from the top, grey for the lowest; past
 * five upper tiers the last colour repeats. The default model's three tiers get
 * the colours they have always had.
 *
 * @public
 */
export function defaultTierColor(index: number, count: number): string {
  if (index === count - 1) return LOWEST_TIER_COLOR;
  const palette = TIER_PALETTES[Math.min(count - 1, TIER_PALETTES.length - 1)];
  return palette[Math.min(index, palette.length - 1)];
}

const tiersSchema = z
  .array(
    z.strictObject({
      name: z.string().trim().min(1),
      min: percentage,
      color: z
        .string()
        .refine(c => COLOR.test(c), {
          error: issue =>
            `must be a colour written #rgb or #rrggbb, got ${got(issue.input)}`,
        })
        .optional(),
    }),
  )
  .min(1)
  .superRefine((tiers, ctx) => {
    if (tiers.length === 0) return; // reported as too few entries
    const names = new Map<string, number>();
    tiers.forEach((tier, i) => {
      const name = tier.name.toLocaleLowerCase('en-US');
      const earlier = names.get(name);
      if (earlier !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [i, 'name'],
          message: `"${tier.name}" is already used by tiers[${earlier}]`,
        });
      } else {
        names.set(name, i);
      }
      if (i > 0 && tier.min >= tiers[i - 1].min) {
        ctx.addIssue({
          code: 'custom',
          path: [i, 'min'],
          message: `must be below tiers[${i - 1}].min`,
        });
      }
    });
    const last = tiers.length - 1;
    if (tiers[last].min !== 0) {
      ctx.addIssue({
        code: 'custom',
        path: [last, 'min'],
        message: `must be 0 so that every score has a tier, got ${tiers[last].min}`,
      });
    }
  });

const selectorSchema = z.record(
  z.string().min(1),
  z.union([z.string(), z.array(z.string()).min(1)], {
    error: 'must be a value or a list of values',
  }),
);

const overrideShape = {
  dimensions: dimensionsSchema.optional(),
  readiness: z.strictObject({ checks: checksSchema.optional() }).optional(),
  tiers: tiersSchema.optional(),
};

const profilesSchema = z
  .array(
    z.strictObject({
      name: z.string().trim().min(1),
      filter: selectorSchema.optional(),
      ...overrideShape,
    }),
  )
  .superRefine((profiles, ctx) => {
    const names = new Map<string, number>();
    profiles.forEach((profile, i) => {
      const earlier = names.get(profile.name);
      if (profile.name === DEFAULT_PROFILE_NAME) {
        ctx.addIssue({
          code: 'custom',
          path: [i, 'name'],
          message: `"${DEFAULT_PROFILE_NAME}" is the name of the model outside any profile; choose another`,
        });
      } else if (earlier !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [i, 'name'],
          message: `"${profile.name}" is already used by profiles[${earlier}]`,
        });
      } else {
        names.set(profile.name, i);
      }
    });
  });

type ModelOverride = {
  dimensions?: z.infer<typeof dimensionsSchema>;
  readiness?: { checks?: z.infer<typeof checksSchema> };
  tiers?: z.infer<typeof tiersSchema>;
};

function mergeModel(base: ScoringModel, override: ModelOverride): ScoringModel {
  const d = override.dimensions ?? {};
  const b = base.dimensions;
  const checks = { ...base.readiness.checks };
  for (const id of READINESS_CHECK_IDS) {
    const check = override.readiness?.checks?.[id];
    if (!check) continue;
    const minimum =
      ('minimum' in check ? check.minimum : undefined) ?? checks[id].minimum;
    checks[id] = {
      weight: check.weight ?? checks[id].weight,
      ...(minimum === undefined ? {} : { minimum }),
    };
  }
  const breakpoints = d.activity?.breakpoints ?? b.activity.breakpoints;
  return {
    dimensions: {
      activity: {
        weight: d.activity?.weight ?? b.activity.weight,
        breakpoints: [...breakpoints]
          .sort((x, y) => x.raw - y.raw)
          .map(({ raw, value }) => ({ raw, value })),
      },
      readiness: { weight: d.readiness?.weight ?? b.readiness.weight },
      collaboration: {
        weight: d.collaboration?.weight ?? b.collaboration.weight,
        targetShare:
          d.collaboration?.targetShare ?? b.collaboration.targetShare,
        targetContributors:
          d.collaboration?.targetContributors ??
          b.collaboration.targetContributors,
      },
      responsiveness: {
        weight: d.responsiveness?.weight ?? b.responsiveness.weight,
        targetHours:
          d.responsiveness?.targetHours ?? b.responsiveness.targetHours,
      },
    },
    readiness: { checks },
    tiers: (override.tiers ?? base.tiers).map(
      ({ name, min, color }, i, all) => ({
        name,
        min,
        color: color ?? defaultTierColor(i, all.length),
      }),
    ),
  };
}

/**
 * Weights that are all zero leave nothing to score with. A negative weight is
 * reported on its own key, so only an all-zero block is reported here; a
 * profile is only blamed for a block it sets itself.
 */
function checkWeightSums(
  model: ScoringModel,
  override: ModelOverride,
  path: PropertyKey[],
  ctx: z.RefinementCtx,
) {
  const isProfile = path.length > 0;
  if (
    (!isProfile || override.dimensions) &&
    DIMENSION_IDS.every((id: DimensionId) => model.dimensions[id].weight === 0)
  ) {
    ctx.addIssue({
      code: 'custom',
      path: [...path, 'dimensions'],
      message:
        'weights sum to 0; at least one dimension needs a positive weight',
    });
  }
  if (
    (!isProfile || override.readiness?.checks) &&
    READINESS_CHECK_IDS.every(
      (id: ReadinessCheckId) => model.readiness.checks[id].weight === 0,
    )
  ) {
    ctx.addIssue({
      code: 'custom',
      path: [...path, 'readiness', 'checks'],
      message: 'weights sum to 0; at least one check needs a positive weight',
    });
  }
}

const scoringSchema = z
  .strictObject({ ...overrideShape, profiles: profilesSchema.optional() })
  .superRefine((scoring, ctx) => {
    const model = mergeModel(DEFAULT_SCORING_MODEL, scoring);
    checkWeightSums(model, scoring, [], ctx);
    scoring.profiles?.forEach((profile, i) =>
      checkWeightSums(
        mergeModel(model, profile),
        profile,
        ['profiles', i],
        ctx,
      ),
    );
  });

function keyPath(prefix: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (key, part) =>
      typeof part === 'number' ? `${key}[${part}]` : `${key}.${String(part)}`,
    prefix,
  );
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let current = raw;
  for (const part of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[part];
  }
  return current;
}

/** The settings an object in the schema accepts, to list them next to a wrong key. */
function keysAt(path: readonly PropertyKey[]): string[] {
  const unwrap = (schema: unknown): unknown =>
    schema instanceof z.ZodOptional ? unwrap(schema.unwrap()) : schema;
  let schema = unwrap(scoringSchema);
  for (const part of path) {
    if (schema instanceof z.ZodObject) {
      schema = unwrap(schema.shape[String(part)]);
    } else if (schema instanceof z.ZodArray) {
      schema = unwrap(schema.element);
    } else {
      return [];
    }
  }
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

const TYPE_NAMES: Record<string, string> = {
  array: 'a list',
  object: 'a map',
};

function describeIssue(
  prefix: string,
  raw: unknown,
  issue: z.core.$ZodIssue,
): string[] {
  const key = keyPath(prefix, issue.path);
  switch (issue.code) {
    case 'invalid_type': {
      const expected = TYPE_NAMES[issue.expected] ?? `a ${issue.expected}`;
      return valueAt(raw, issue.path) === undefined
        ? [`${key} is missing; expected ${expected}`]
        : [`${key} must be ${expected}`];
    }
    case 'unrecognized_keys': {
      const parent = issue.path[issue.path.length - 1];
      let what = 'a setting';
      if (parent === 'dimensions') what = 'a dimension';
      if (parent === 'checks') what = 'a readiness check';
      const expected = keysAt(issue.path).join(', ');
      return issue.keys.map(
        name => `${key}.${name} is not ${what}; expected one of ${expected}`,
      );
    }
    case 'too_small':
      return [
        issue.origin === 'array'
          ? `${key} must have at least ${issue.minimum} ${
              issue.minimum === 1 ? 'entry' : 'entries'
            }`
          : `${key} must not be empty`,
      ];
    case 'custom':
    case 'invalid_union':
      return [`${key} ${issue.message}`];
    default:
      return [`${key}: ${issue.message}`];
  }
}

/**
 * Validates `innersource.scoring` (from app-config, or a candidate block for
 * the preview) and fills in the defaults: partial blocks merge over the
 * defaults, profiles over the top level. Throws a ScoringConfigError listing
 * every wrong key, each named in full under `keyPrefix`.
 *
 * @public
 */
export function parseScoringConfig(
  raw: unknown,
  keyPrefix = 'innersource.scoring',
): ScoringConfig {
  if (raw === undefined || raw === null) {
    return { model: DEFAULT_SCORING_MODEL, profiles: [] };
  }
  const parsed = scoringSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ScoringConfigError(
      parsed.error.issues.flatMap(issue =>
        describeIssue(keyPrefix, raw, issue),
      ),
    );
  }
  const { profiles = [], ...base } = parsed.data;
  const model = freezeScoringModel(mergeModel(DEFAULT_SCORING_MODEL, base));
  return {
    model,
    profiles: profiles.map(({ name, filter, ...override }) => ({
      name,
      filter: filter ?? null,
      model: freezeScoringModel(mergeModel(model, override)),
    })),
  };
}

/**
 * The profile that scores an entity: the one its `innersource/scoring-profile`
 * annotation names, else the first whose filter matches, else the default
 * model. An annotation naming no profile is an error about that entity, for
 * the caller to report on it.
 *
 * @public
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
    if (wanted === DEFAULT_PROFILE_NAME) {
      return { name: DEFAULT_PROFILE_NAME, model: config.model };
    }
    const named = config.profiles.find(p => p.name === wanted);
    if (!named) {
      return {
        error: `${INNERSOURCE_ANNOTATIONS.scoringProfile} names "${wanted}", but innersource.scoring has no such profile`,
      };
    }
    return { name: named.name, model: named.model };
  }
  for (const profile of config.profiles) {
    if (profile.filter && matchesSelector(entity, profile.filter)) {
      return { name: profile.name, model: profile.model };
    }
  }
  return { name: DEFAULT_PROFILE_NAME, model: config.model };
}

/**
 * The profile that scores an entity, else the default model: an annotation
 * naming no profile still gets a score, with `error` saying why it is the
 * default, for the caller to report on the entity.
 *
 * @public
 */
export function scoringProfileOrDefault(
  entity: Entity,
  config: ScoringConfig,
): { name: string; model: ScoringModel; error?: string } {
  const selected = selectScoringProfile(entity, config);
  return 'error' in selected
    ? { name: DEFAULT_PROFILE_NAME, model: config.model, error: selected.error }
    : selected;
}

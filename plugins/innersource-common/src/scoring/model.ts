import type { ProjectMetrics } from '../metrics';
import type {
  DimensionId,
  DimensionScore,
  ProjectScore,
  ReadinessCheckResult,
  TierDefinition,
} from '../score';
import {
  READINESS_CATALOGUE,
  READINESS_CHECK_DEFINITIONS,
  ReadinessCheckId,
} from '../readinessCatalogue';
import {
  activityBand,
  ActivityScoreInput,
  repositoryActivityScore,
} from './activity';

/**
 * The name a project's score carries when no profile applies.
 *
 * @public
 */
export const DEFAULT_PROFILE_NAME = 'default';

/** @public */
export const DIMENSION_IDS: readonly DimensionId[] = [
  'activity',
  'readiness',
  'collaboration',
  'responsiveness',
];

/**
 * Every readiness check, in the catalogue's order.
 *
 * @public
 */
export const READINESS_CHECK_IDS: readonly ReadinessCheckId[] =
  READINESS_CATALOGUE.map(check => check.id);

/**
 * One point of the map from Repository Activity Score to 0-100.
 *
 * @public
 */
export interface ActivityBreakpoint {
  raw: number;
  value: number;
}

/** @public */
export interface ReadinessCheckSettings {
  /** 0 switches the check off. */
  weight: number;
  /** goodFirstIssues only: how many open good-first-issues pass. */
  minimum?: number;
}

/**
 * How projects are scored: dimension weights and targets, readiness checks and
 * tiers. Treated as immutable: the engine keeps tables derived from each model
 * object, so change a model by making a new one.
 *
 * @public
 */
export interface ScoringModel {
  dimensions: {
    activity: { weight: number; breakpoints: ActivityBreakpoint[] };
    readiness: { weight: number };
    collaboration: {
      weight: number;
      /** Outside contribution share (0 to 1) that earns the full half. */
      targetShare: number;
      /** Outside contributors that earn the full half. */
      targetContributors: number;
    };
    /** Median time to first response at or under which the value is 100. */
    responsiveness: { weight: number; targetHours: number };
  };
  readiness: {
    checks: Record<ReadinessCheckId, ReadinessCheckSettings>;
  };
  /** Highest minimum first; the last starts at 0. */
  tiers: TierDefinition[];
}

/**
 * What the engine needs of one project.
 *
 * @public
 */
export interface ScoringInput {
  metrics: ProjectMetrics;
  /** Null when the repository's statistics are unknown. */
  activity: ActivityScoreInput | null;
  readiness: {
    readme: boolean | null;
    contributing: boolean | null;
    codeownersOrTrustedCommitters: boolean | null;
    license: boolean | null;
    /** A description or motivation that says enough (see isMeaningfulText). */
    description: boolean;
    goodFirstIssues: number | null;
    issueTemplates: boolean | null;
  };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** @public */
export const DEFAULT_SCORING_MODEL: ScoringModel = deepFreeze({
  dimensions: {
    activity: {
      weight: 30,
      breakpoints: [
        { raw: 5, value: 0 },
        { raw: 50, value: 20 },
        { raw: 150, value: 40 },
        { raw: 300, value: 60 },
        { raw: 1000, value: 80 },
        { raw: 2500, value: 100 },
      ],
    },
    readiness: { weight: 30 },
    collaboration: { weight: 25, targetShare: 0.25, targetContributors: 3 },
    responsiveness: { weight: 15, targetHours: 48 },
  },
  readiness: {
    checks: Object.fromEntries(
      READINESS_CATALOGUE.map(check => [
        check.id,
        check.defaultMinimum === undefined
          ? { weight: check.defaultWeight }
          : { weight: check.defaultWeight, minimum: check.defaultMinimum },
      ]),
    ) as Record<ReadinessCheckId, ReadinessCheckSettings>,
  },
  tiers: [
    { name: 'Thriving', min: 70, color: '#2e7d32' },
    { name: 'Growing', min: 40, color: '#f9a825' },
    { name: 'Emerging', min: 0, color: '#9e9e9e' },
  ],
});

/**
 * Makes a model immutable, as the engine expects (parseScoringConfig does this).
 *
 * @public
 */
export function freezeScoringModel(model: ScoringModel): ScoringModel {
  return deepFreeze(model);
}

/** @public */
export const DIMENSION_TITLES: Readonly<Record<DimensionId, string>> = {
  activity: 'Activity',
  readiness: 'Readiness',
  collaboration: 'Collaboration',
  responsiveness: 'Responsiveness',
};

/**
 * Each readiness check's title and advice, as its catalogue entry says.
 *
 * @public
 */
export const READINESS_CHECKS: Readonly<
  Record<ReadinessCheckId, { title: string; advice: string }>
> = Object.fromEntries(
  READINESS_CATALOGUE.map(check => [
    check.id,
    { title: check.label, advice: check.advice },
  ]),
) as Record<ReadinessCheckId, { title: string; advice: string }>;

const UNKNOWN_FACT = ' The collector could not read this from the repository.';

/** A model's derived tables, built once per model object. */
interface CompiledModel {
  /** Breakpoints sorted by raw score. */
  raws: number[];
  values: number[];
  checks: Array<{
    id: ReadinessCheckId;
    title: string;
    weight: number;
    minimum: number;
    advice: string;
    adviceUnknown: string;
  }>;
  checksWeight: number;
}

const compiledModels = new WeakMap<ScoringModel, CompiledModel>();

function compile(model: ScoringModel): CompiledModel {
  const cached = compiledModels.get(model);
  if (cached) return cached;

  const sorted = [...model.dimensions.activity.breakpoints].sort(
    (a, b) => a.raw - b.raw,
  );
  const checks: CompiledModel['checks'] = [];
  let checksWeight = 0;
  for (const id of READINESS_CHECK_IDS) {
    const settings = model.readiness.checks[id];
    if (!settings || !(settings.weight > 0)) continue;
    const minimum = settings.minimum ?? 1;
    let advice = READINESS_CHECKS[id].advice;
    if (
      READINESS_CHECK_DEFINITIONS[id].defaultMinimum !== undefined &&
      minimum !== 1
    ) {
      advice = `${advice} This profile asks for at least ${minimum}.`;
    }
    checks.push({
      id,
      title: READINESS_CHECKS[id].title,
      weight: settings.weight,
      minimum,
      advice,
      adviceUnknown: `${advice}${UNKNOWN_FACT}`,
    });
    checksWeight += settings.weight;
  }
  const result: CompiledModel = {
    raws: sorted.map(b => b.raw),
    values: sorted.map(b => b.value),
    checks,
    checksWeight,
  };
  compiledModels.set(model, result);
  return result;
}

/** Piecewise-linear over the sorted breakpoints, flat beyond both ends. */
function interpolate(raw: number, raws: number[], values: number[]): number {
  const last = raws.length - 1;
  if (last < 0) return 0;
  if (raw <= raws[0]) return values[0];
  for (let i = 1; i <= last; i++) {
    if (raw <= raws[i]) {
      const share = (raw - raws[i - 1]) / (raws[i] - raws[i - 1]);
      return values[i - 1] + share * (values[i] - values[i - 1]);
    }
  }
  return values[last];
}

/**
 * The tier with the highest minimum the score reaches (the lowest tier when none).
 *
 * @public
 */
export function tierFor(
  score: number,
  tiers: readonly TierDefinition[],
): TierDefinition {
  let best: TierDefinition | undefined;
  let lowest = tiers[0];
  for (const tier of tiers) {
    if (score >= tier.min && (!best || tier.min > best.min)) best = tier;
    if (tier.min < lowest.min) lowest = tier;
  }
  return best ?? lowest;
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

function hours(value: number): string {
  if (value < 1) return `${Math.round(value * 60)} min`;
  return `${value < 10 ? Math.round(value * 10) / 10 : Math.round(value)} h`;
}

function readinessFact(
  id: ReadinessCheckId,
  minimum: number,
  input: ScoringInput['readiness'],
): boolean | null {
  const check = READINESS_CHECK_DEFINITIONS[id];
  return check.passes(input[check.input.key], minimum);
}

/**
 * Scores one project 0 to 100 under a model, explaining each dimension and
 * each readiness check. A dimension whose facts are unknown gives its weight
 * to the known ones.
 *
 * @public
 */
export function scoreProject(
  input: ScoringInput,
  model: ScoringModel,
  now: Date,
  profileName = DEFAULT_PROFILE_NAME,
): ProjectScore {
  const compiled = compile(model);
  const { metrics } = input;
  const settings = model.dimensions;

  // activity
  let activityValue: number | null = null;
  let activityExplanation =
    'Unknown: the repository statistics could not be read.';
  let activity: ProjectScore['activity'] = null;
  if (input.activity) {
    const raw = repositoryActivityScore(input.activity, now);
    const band = activityBand(raw);
    activity = { raw, band };
    activityValue = interpolate(raw, compiled.raws, compiled.values);
    activityExplanation = `Repository Activity Score ${raw} (${band}), mapped to ${Math.round(
      activityValue,
    )} of 100.`;
  }

  // readiness: unknown facts count as not passed, so the value is always known
  const readiness: ReadinessCheckResult[] = [];
  let passedWeight = 0;
  let passedCount = 0;
  let missing = '';
  for (const check of compiled.checks) {
    const fact = readinessFact(check.id, check.minimum, input.readiness);
    const passed = fact === true;
    if (passed) {
      passedWeight += check.weight;
      passedCount += 1;
    } else missing = missing ? `${missing}, ${check.title}` : check.title;
    readiness.push({
      id: check.id,
      title: check.title,
      passed,
      weight: check.weight,
      advice: fact === null ? check.adviceUnknown : check.advice,
    });
  }
  let readinessValue: number | null = null;
  let readinessExplanation = 'No readiness checks are enabled.';
  if (compiled.checksWeight > 0) {
    readinessValue = (100 * passedWeight) / compiled.checksWeight;
    readinessExplanation = `${passedCount} of ${
      readiness.length
    } checks passed${missing ? `; missing: ${missing}` : ''}.`;
  }

  // collaboration
  const share = metrics.outsideContributionShare;
  const count = metrics.outsideContributors;
  const { targetShare, targetContributors } = settings.collaboration;
  let collaborationValue: number | null = null;
  let collaborationExplanation = 'Unknown: no contributions could be read.';
  if (share !== null || count !== null) {
    collaborationValue =
      (share === null ? 0 : 50 * Math.min(share / targetShare, 1)) +
      (count === null ? 0 : 50 * Math.min(count / targetContributors, 1));
    const contributors =
      count !== null && count > targetContributors
        ? `${count} outside contributors, over the target of ${targetContributors}`
        : `${count ?? 'unknown'} of ${targetContributors} outside contributors`;
    collaborationExplanation = `Outside share ${
      share === null ? 'unknown' : percent(share)
    } of a ${percent(targetShare)} target, ${contributors}.`;
  }

  // responsiveness
  const firstResponse = metrics.medianTimeToFirstResponseHours;
  const { targetHours } = settings.responsiveness;
  let responsivenessValue: number | null = null;
  let responsivenessExplanation =
    'Unknown: no pull request got a response in the window.';
  if (firstResponse !== null) {
    // 100 up to the target, falling linearly to 0 at four times the target.
    responsivenessValue =
      firstResponse <= targetHours
        ? 100
        : Math.max(
            0,
            100 * (1 - (firstResponse - targetHours) / (3 * targetHours)),
          );
    responsivenessExplanation = `Median first response ${hours(
      firstResponse,
    )} against a ${hours(targetHours)} target.`;
  }

  const wActivity = settings.activity.weight;
  const wReadiness = settings.readiness.weight;
  const wCollaboration = settings.collaboration.weight;
  const wResponsiveness = settings.responsiveness.weight;
  const knownWeight =
    (activityValue === null ? 0 : wActivity) +
    (readinessValue === null ? 0 : wReadiness) +
    (collaborationValue === null ? 0 : wCollaboration) +
    (responsivenessValue === null ? 0 : wResponsiveness);

  let total = 0;
  const dimension = (
    id: DimensionId,
    value: number | null,
    weight: number,
    explanation: string,
  ): DimensionScore => {
    const points =
      value === null || knownWeight <= 0 ? 0 : (value * weight) / knownWeight;
    total += points;
    return {
      id,
      title: DIMENSION_TITLES[id],
      value: value === null ? null : Math.round(value),
      weight,
      points: Math.round(points * 10) / 10,
      explanation,
    };
  };
  const dimensions = [
    dimension('activity', activityValue, wActivity, activityExplanation),
    dimension('readiness', readinessValue, wReadiness, readinessExplanation),
    dimension(
      'collaboration',
      collaborationValue,
      wCollaboration,
      collaborationExplanation,
    ),
    dimension(
      'responsiveness',
      responsivenessValue,
      wResponsiveness,
      responsivenessExplanation,
    ),
  ];

  const score = Math.max(0, Math.min(100, Math.round(total)));
  return {
    score,
    tier: tierFor(score, model.tiers),
    profile: profileName,
    dimensions,
    readiness,
    activity,
  };
}

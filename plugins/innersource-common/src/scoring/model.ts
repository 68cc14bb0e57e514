import type { ProjectMetrics } from '../metrics';
import type {
  DimensionId,
  DimensionScore,
  ProjectScore,
  ReadinessCheckId,
  ReadinessCheckResult,
  TierDefinition,
} from '../score';
import {
  activityBand,
  ActivityScoreInput,
  repositoryActivityScore,
} from './activity';

export const DIMENSION_IDS: DimensionId[] = [
  'activity',
  'readiness',
  'collaboration',
  'responsiveness',
];

export const READINESS_CHECK_IDS: ReadinessCheckId[] = [
  'readme',
  'contributing',
  'codeowners',
  'license',
  'description',
  'goodFirstIssues',
  'issueTemplates',
];

export interface ActivityBreakpoint {
  raw: number;
  value: number;
}

export interface ScoringModel {
  dimensions: {
    activity: { weight: number; breakpoints: ActivityBreakpoint[] };
    readiness: { weight: number };
    collaboration: {
      weight: number;
      targetShare: number;
      targetContributors: number;
    };
    responsiveness: { weight: number; targetHours: number };
  };
  readiness: {
    checks: Record<ReadinessCheckId, { weight: number; minimum?: number }>;
  };
  /** Highest minimum first; the last starts at 0. */
  tiers: TierDefinition[];
}

/** What the engine needs of one project. */
export interface ScoringInput {
  metrics: ProjectMetrics;
  /** Null when the repository's dates are unknown. */
  activity: ActivityScoreInput | null;
  readiness: {
    readme: boolean | null;
    contributing: boolean | null;
    codeownersOrTrustedCommitters: boolean | null;
    license: boolean | null;
    /** A description or motivation over 30 characters. */
    description: boolean;
    goodFirstIssues: number | null;
    issueTemplates: boolean | null;
  };
}

export const DEFAULT_SCORING_MODEL: ScoringModel = {
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
    checks: {
      readme: { weight: 3 },
      contributing: { weight: 3 },
      codeowners: { weight: 2 },
      license: { weight: 1 },
      description: { weight: 1 },
      goodFirstIssues: { weight: 2, minimum: 1 },
      issueTemplates: { weight: 1 },
    },
  },
  tiers: [
    { name: 'Thriving', min: 70, color: '#2e7d32' },
    { name: 'Growing', min: 40, color: '#f9a825' },
    { name: 'Emerging', min: 0, color: '#9e9e9e' },
  ],
};

const DIMENSION_TITLES: Record<DimensionId, string> = {
  activity: 'Activity',
  readiness: 'Readiness',
  collaboration: 'Collaboration',
  responsiveness: 'Responsiveness',
};

const CHECKS: Record<ReadinessCheckId, { title: string; advice: string }> = {
  readme: {
    title: 'README',
    advice:
      'Add a README.md that says what the project does, who uses it and how to run it locally.',
  },
  contributing: {
    title: 'Contribution guidelines',
    advice:
      'Add a CONTRIBUTING.md that tells outsiders how to propose a change, run the tests and get a review.',
  },
  codeowners: {
    title: 'Code owners or trusted committers',
    advice:
      'Add a CODEOWNERS file (root, .github/ or docs/) or the innersource/trusted-committers annotation, so contributors know who reviews.',
  },
  license: {
    title: 'License',
    advice:
      'Add a LICENSE file, even an internal one, so other teams know on what terms they may reuse the code.',
  },
  description: {
    title: 'Description',
    advice:
      'Describe the project in more than 30 characters (metadata.description, or motivation in innersource.json), so people can tell whether it is for them.',
  },
  goodFirstIssues: {
    title: 'Good first issues',
    advice:
      'Label small, well-described issues "good first issue" so newcomers have somewhere to start.',
  },
  issueTemplates: {
    title: 'Issue templates',
    advice:
      'Add issue templates (.github/ISSUE_TEMPLATE/ or .gitlab/issue_templates/) so reports and requests arrive with what you need.',
  },
};

const UNKNOWN_FACT = ' The collector could not read this from the repository.';

function interpolate(raw: number, breakpoints: ActivityBreakpoint[]): number {
  if (raw <= breakpoints[0].raw) return breakpoints[0].value;
  for (let i = 1; i < breakpoints.length; i++) {
    const upper = breakpoints[i];
    if (raw <= upper.raw) {
      const lower = breakpoints[i - 1];
      return (
        lower.value +
        ((raw - lower.raw) / (upper.raw - lower.raw)) *
          (upper.value - lower.value)
      );
    }
  }
  return breakpoints[breakpoints.length - 1].value;
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

function readinessChecks(
  input: ScoringInput['readiness'],
  model: ScoringModel,
): ReadinessCheckResult[] {
  const results: ReadinessCheckResult[] = [];
  for (const id of READINESS_CHECK_IDS) {
    const config = model.readiness.checks[id];
    if (!config || config.weight <= 0) continue;
    let fact: boolean | null;
    let advice = CHECKS[id].advice;
    switch (id) {
      case 'codeowners':
        fact = input.codeownersOrTrustedCommitters;
        break;
      case 'goodFirstIssues': {
        const minimum = config.minimum ?? 1;
        fact =
          input.goodFirstIssues === null
            ? null
            : input.goodFirstIssues >= minimum;
        if (minimum !== 1)
          advice = `${advice} This profile asks for at least ${minimum}.`;
        break;
      }
      case 'issueTemplates':
        fact = input.issueTemplates;
        break;
      default:
        fact = input[id];
    }
    results.push({
      id,
      title: CHECKS[id].title,
      passed: fact === true,
      weight: config.weight,
      advice: fact === null ? `${advice}${UNKNOWN_FACT}` : advice,
    });
  }
  return results;
}

interface DimensionValue {
  value: number | null;
  explanation: string;
}

function activityDimension(
  input: ScoringInput,
  model: ScoringModel,
  raw: number | null,
): DimensionValue {
  if (raw === null || !input.activity) {
    return {
      value: null,
      explanation: 'Unknown: the repository dates could not be read.',
    };
  }
  const value = interpolate(raw, model.dimensions.activity.breakpoints);
  return {
    value,
    explanation: `Repository Activity Score ${raw} (${activityBand(
      raw,
    )}), mapped to ${Math.round(value)} of 100.`,
  };
}

function readinessDimension(checks: ReadinessCheckResult[]): DimensionValue {
  const total = checks.reduce((sum, c) => sum + c.weight, 0);
  if (total === 0)
    return { value: null, explanation: 'No readiness checks are enabled.' };
  const passed = checks.filter(c => c.passed);
  const value = (100 * passed.reduce((sum, c) => sum + c.weight, 0)) / total;
  return {
    value,
    explanation: `${passed.length} of ${checks.length} checks passed.`,
  };
}

function collaborationDimension(
  metrics: ProjectMetrics,
  model: ScoringModel,
): DimensionValue {
  const { targetShare, targetContributors } = model.dimensions.collaboration;
  const share = metrics.outsideContributionShare;
  const count = metrics.outsideContributors;
  if (share === null && count === null) {
    return {
      value: null,
      explanation: 'Unknown: no contributions could be read.',
    };
  }
  const shareScore = share === null ? 0 : Math.min(share / targetShare, 1);
  const countScore =
    count === null ? 0 : Math.min(count / targetContributors, 1);
  return {
    value: 50 * shareScore + 50 * countScore,
    explanation:
      `Outside share ${
        share === null ? 'unknown' : percent(share)
      } of a ${percent(targetShare)} target, ` +
      `${count ?? 'unknown'} of ${targetContributors} outside contributors.`,
  };
}

function responsivenessDimension(
  metrics: ProjectMetrics,
  model: ScoringModel,
): DimensionValue {
  const hours = metrics.medianTimeToFirstResponseHours;
  const target = model.dimensions.responsiveness.targetHours;
  if (hours === null) {
    return {
      value: null,
      explanation: 'Unknown: no pull request with a response in the window.',
    };
  }
  const value =
    hours <= target
      ? 100
      : Math.max(0, 100 * (1 - (hours - target) / (3 * target)));
  return {
    value,
    explanation: `Median first response ${Math.round(
      hours,
    )} h against a ${target} h target.`,
  };
}

export function tierFor(
  score: number,
  tiers: TierDefinition[],
): TierDefinition {
  return tiers.find(t => score >= t.min) ?? tiers[tiers.length - 1];
}

/**
 * Scores one project 0 to 100 under a model, explaining each dimension and
 * each readiness check. A dimension whose facts are unknown gives its weight
 * to the others.
 */
export function scoreProject(
  input: ScoringInput,
  model: ScoringModel,
  now: Date,
  profileName = 'default',
): ProjectScore {
  const raw = input.activity
    ? repositoryActivityScore(input.activity, now)
    : null;
  const readiness = readinessChecks(input.readiness, model);
  const values: Record<DimensionId, DimensionValue> = {
    activity: activityDimension(input, model, raw),
    readiness: readinessDimension(readiness),
    collaboration: collaborationDimension(input.metrics, model),
    responsiveness: responsivenessDimension(input.metrics, model),
  };

  let knownWeight = 0;
  for (const id of DIMENSION_IDS) {
    if (values[id].value !== null) knownWeight += model.dimensions[id].weight;
  }
  let total = 0;
  const dimensions: DimensionScore[] = DIMENSION_IDS.map(id => {
    const { value, explanation } = values[id];
    const weight = model.dimensions[id].weight;
    const points =
      value === null || knownWeight === 0 ? 0 : (value * weight) / knownWeight;
    total += points;
    return {
      id,
      title: DIMENSION_TITLES[id],
      value: value === null ? null : Math.round(value),
      weight,
      points: Math.round(points * 10) / 10,
      explanation,
    };
  });

  const score = Math.max(0, Math.min(100, Math.round(total)));
  return {
    score,
    tier: tierFor(score, model.tiers),
    profile: profileName,
    dimensions,
    readiness,
    activity: raw === null ? null : { raw, band: activityBand(raw) },
  };
}

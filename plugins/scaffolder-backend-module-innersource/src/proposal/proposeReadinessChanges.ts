import {
  PROPOSABLE_READINESS_FILES,
  type ProposableReadinessFile,
  type ReadinessCheckId,
  type ReadinessCheckResult,
} from '@innersource-for-backstage/plugin-innersource-common';
import {
  codeowners,
  contributingGuide,
  innersourceJson,
  issueTemplates,
  ProjectDetails,
} from './contents';
import { changeRequestName, ReadinessForge } from './forge';
import { isGithubLabelName, isGitlabLabelName, isPlainLabelName } from './text';

/**
 * What a proposed file is for: a readiness check, or the InnerSource portal's innersource.json.
 *
 * @public
 */
export type ProposalReason = ReadinessCheckId | 'innersourceJson';

/** @public */
export interface ProposedFile {
  path: string;
  content: string;
  reason: ProposalReason;
}

/** @public */
export interface ProposedLabel {
  name: string;
  color: string;
  description: string;
}

/** @public */
export interface ReadinessProposal {
  files: ProposedFile[];
  labels: ProposedLabel[];
  /** Something the action would add but does not, and why. */
  skipped: Array<{ reason: ProposalReason | 'label'; message: string }>;
  /** Failing checks a pull request cannot fix (a README, a licence, a description), with their advice. */
  manual: Array<{ id: ReadinessCheckId; title: string; advice: string }>;
}

type LookedUp = ProposableReadinessFile['reason'];

const lookUpOn = (forge: ReadinessForge) =>
  Object.fromEntries(
    PROPOSABLE_READINESS_FILES.map(({ reason, proposal }) => [
      reason,
      [...proposal.lookUp[forge]],
    ]),
  ) as Partial<Record<LookedUp, string[]>>;

/**
 * Where each forge reads the files the action adds (and where the readiness
 * checks look for them), from the readiness catalogue; any of them counts as
 * present.
 */
export const LOOKED_UP_PATHS: Record<
  ReadinessForge,
  Partial<Record<LookedUp, string[]>>
> = { github: lookUpOn('github'), gitlab: lookUpOn('gitlab') };

/** Where the action puts the file it proposes for a reason (a folder for issue templates). */
function proposedPath(reason: LookedUp, forge: ReadinessForge): string {
  const file = PROPOSABLE_READINESS_FILES.find(f => f.reason === reason);
  if (!file) throw new Error(`the action proposes no file for ${reason}`);
  return file.proposal.writeTo[forge];
}

/** Every path the repository is asked about before proposing anything. */
export function pathsToLookUp(forge: ReadinessForge = 'github'): string[] {
  return PROPOSABLE_READINESS_FILES.flatMap(({ proposal }) => [
    ...proposal.lookUp[forge],
  ]);
}

/**
 * What the repository holds today, on its default branch.
 *
 * @public
 */
export interface RepositoryState {
  /** Those of `pathsToLookUp()` that exist. */
  presentPaths: string[];
  /** Those of the wanted labels that exist (any case). */
  presentLabels: string[];
}

/** @public */
export interface ProposalInput {
  project: ProjectDetails;
  readiness: ReadinessCheckResult[];
  /** `@org/team`, `@group/subgroup` or `@user` for CODEOWNERS, or why there is none. */
  codeOwner: { handle: string } | { error: string };
  repository: RepositoryState;
  /** Where the files go; GitHub when not given. */
  forge?: ReadinessForge;
}

/**
 * The most labels one pull request creates: good-first-issue labels first,
 * then help-wanted ones (config's, then the entity's annotation), any case
 * counted once.
 */
export const MAX_LABELS = 5;

/**
 * The project's labels cut to {@link MAX_LABELS}, and those left out: what
 * the action asks the repository about and may create.
 */
export function capLabels(labels: ProjectDetails['labels']): {
  labels: ProjectDetails['labels'];
  leftOut: string[];
} {
  const seen = new Set<string>();
  const leftOut: string[] = [];
  const keep = (names: string[]) =>
    names.filter(name => {
      const key = name.toLocaleLowerCase('en-US');
      if (seen.has(key)) return false;
      if (seen.size >= MAX_LABELS) {
        leftOut.push(name);
        return false;
      }
      seen.add(key);
      return true;
    });
  const goodFirstIssue = keep(labels.goodFirstIssue);
  const helpWanted = keep(labels.helpWanted);
  return { labels: { goodFirstIssue, helpWanted }, leftOut };
}

/**
 * Labels are created only as part of a pull (merge) request: a proposal with
 * no file creates none, and says which are missing.
 */
export function withoutLabelsAlone(
  proposal: ReadinessProposal,
  forge: ReadinessForge = 'github',
): ReadinessProposal {
  if (proposal.files.length > 0 || proposal.labels.length === 0) {
    return proposal;
  }
  return {
    ...proposal,
    labels: [],
    skipped: [
      ...proposal.skipped,
      ...proposal.labels.map(label => ({
        reason: 'label' as const,
        message: `the label ${JSON.stringify(
          label.name,
        )} is missing, and labels are created only with a ${changeRequestName(
          forge,
        )}, which has no file to add here: create it in the repository`,
      })),
    ],
  };
}

const HELP_WANTED_COLOR = '008672';
const GOOD_FIRST_ISSUE_COLOR = '7057ff';

/**
 * What the action writes for each file the readiness catalogue lets it
 * propose (`file.proposal`), or why it cannot.
 */
const PROPOSED_CONTENT: Partial<
  Record<
    LookedUp,
    (
      project: ProjectDetails,
      forge: ReadinessForge,
      codeOwner: ProposalInput['codeOwner'],
    ) => Array<{ path: string; content: string }> | { error: string }
  >
> = {
  contributing: (project, forge) => [
    {
      path: proposedPath('contributing', forge),
      content: contributingGuide(project, forge),
    },
  ],
  codeowners: (project, forge, codeOwner) =>
    'handle' in codeOwner
      ? [
          {
            path: proposedPath('codeowners', forge),
            content: codeowners(project, codeOwner.handle, forge),
          },
        ]
      : codeOwner,
  issueTemplates: (project, forge) => issueTemplates(project, forge),
  innersourceJson: (project, forge) => [
    {
      path: proposedPath('innersourceJson', forge),
      content: innersourceJson(project),
    },
  ],
};

/** Checks the action fixes with a file, and the reason that file is proposed under. */
const FILE_CHECKS: readonly string[] = PROPOSABLE_READINESS_FILES.map(
  f => f.reason,
);

/**
 * Which files and labels one pull request proposes: the files of the failing
 * readiness checks that the repository still lacks, an innersource.json when
 * it has none, and the project's help-wanted and good-first-issue labels that
 * do not exist yet.
 *
 * @public
 */
export function proposeReadinessChanges(
  input: ProposalInput,
): ReadinessProposal {
  const { readiness, repository } = input;
  const capped = capLabels(input.project.labels);
  const project = { ...input.project, labels: capped.labels };
  const forge = input.forge ?? 'github';
  const lookedUp = LOOKED_UP_PATHS[forge];
  const present = new Set(repository.presentPaths);
  const failing = new Set(readiness.filter(c => !c.passed).map(c => c.id));
  const proposal: ReadinessProposal = {
    files: [],
    labels: [],
    skipped: [],
    manual: readiness
      .filter(
        c =>
          !c.passed &&
          !FILE_CHECKS.includes(c.id) &&
          c.id !== 'goodFirstIssues',
      )
      .map(c => ({ id: c.id, title: c.title, advice: c.advice })),
  };

  // A failing check whose file is there after all (the check ran on an older
  // snapshot) is reported; innersource.json is no check, so its presence is not.
  const missing = (reason: LookedUp) => {
    const found = (lookedUp[reason] ?? []).find(p => present.has(p));
    if (found && reason === 'innersourceJson') return false;
    if (found) {
      proposal.skipped.push({
        reason,
        message: `${found} is already in the repository`,
      });
      return false;
    }
    return true;
  };

  for (const { reason } of PROPOSABLE_READINESS_FILES) {
    // innersource.json is no check: it is proposed whenever it is missing.
    if (reason !== 'innersourceJson' && !failing.has(reason)) continue;
    if (!missing(reason)) continue;
    const content = PROPOSED_CONTENT[reason];
    if (!content) throw new Error(`the action writes nothing for ${reason}`);
    const made = content(project, forge, input.codeOwner);
    if ('error' in made) {
      proposal.skipped.push({ reason, message: made.error });
    } else {
      for (const file of made) proposal.files.push({ ...file, reason });
    }
  }

  const presentLabels = new Set(
    repository.presentLabels.map(l => l.toLocaleLowerCase('en-US')),
  );
  const wanted: ProposedLabel[] = [
    ...project.labels.goodFirstIssue.map(name => ({
      name,
      color: GOOD_FIRST_ISSUE_COLOR,
      description: 'Small enough for a first contribution',
    })),
    ...project.labels.helpWanted.map(name => ({
      name,
      color: HELP_WANTED_COLOR,
      description: 'The owners would welcome help with this',
    })),
  ];
  for (const label of wanted) {
    const key = label.name.toLocaleLowerCase('en-US');
    if (presentLabels.has(key)) continue;
    const valid =
      forge === 'gitlab'
        ? isGitlabLabelName(label.name)
        : isGithubLabelName(label.name);
    if (!valid) {
      proposal.skipped.push({
        reason: 'label',
        message: `the label ${JSON.stringify(label.name)} is not a ${
          forge === 'gitlab'
            ? 'GitLab label name (one line, at most 255 characters)'
            : 'GitHub label name (one line, at most 50 characters)'
        }`,
      });
      continue;
    }
    if (!isPlainLabelName(label.name)) {
      proposal.skipped.push({
        reason: 'label',
        message: `the label ${JSON.stringify(
          label.name,
        )} holds characters other than letters, digits, spaces and . _ : / + -, which the action does not write into a ${changeRequestName(
          forge,
        )}`,
      });
      continue;
    }
    presentLabels.add(key);
    proposal.labels.push(label);
  }
  for (const name of capped.leftOut) {
    proposal.skipped.push({
      reason: 'label',
      message: `the label ${JSON.stringify(
        name,
      )} is left out: one ${changeRequestName(
        forge,
      )} creates at most ${MAX_LABELS} labels`,
    });
  }
  return proposal;
}

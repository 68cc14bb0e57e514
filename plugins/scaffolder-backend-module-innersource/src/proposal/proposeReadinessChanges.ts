import type {
  ReadinessCheckId,
  ReadinessCheckResult,
} from '@innersource-for-backstage/plugin-innersource-common';
import {
  codeowners,
  contributingGuide,
  innersourceJson,
  issueTemplates,
  ProjectDetails,
} from './contents';
import { isGithubLabelName } from './text';

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

/** Where GitHub looks for each file the action adds; any of them counts as present. */
export const LOOKED_UP_PATHS: Record<
  'contributing' | 'codeowners' | 'issueTemplates' | 'innersourceJson',
  string[]
> = {
  contributing: [
    'CONTRIBUTING.md',
    '.github/CONTRIBUTING.md',
    'docs/CONTRIBUTING.md',
    'CONTRIBUTING',
  ],
  codeowners: ['CODEOWNERS', '.github/CODEOWNERS', 'docs/CODEOWNERS'],
  issueTemplates: ['.github/ISSUE_TEMPLATE'],
  innersourceJson: ['innersource.json'],
};

/** Every path the repository is asked about before proposing anything. */
export function pathsToLookUp(): string[] {
  return Object.values(LOOKED_UP_PATHS).flat();
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
  /** `@org/team` or `@user` for CODEOWNERS, or why there is none. */
  codeOwner: { handle: string } | { error: string };
  repository: RepositoryState;
}

const HELP_WANTED_COLOR = '008672';
const GOOD_FIRST_ISSUE_COLOR = '7057ff';

/** Checks the action fixes with a file, and the reason that file is proposed under. */
const FILE_CHECKS = ['contributing', 'codeowners', 'issueTemplates'] as const;

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
  const { project, readiness, repository } = input;
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
          !(FILE_CHECKS as readonly string[]).includes(c.id) &&
          c.id !== 'goodFirstIssues',
      )
      .map(c => ({ id: c.id, title: c.title, advice: c.advice })),
  };

  // A failing check whose file is there after all (the check ran on an older
  // snapshot) is reported; innersource.json is no check, so its presence is not.
  const missing = (reason: keyof typeof LOOKED_UP_PATHS) => {
    const found = LOOKED_UP_PATHS[reason].find(p => present.has(p));
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

  if (failing.has('contributing') && missing('contributing')) {
    proposal.files.push({
      path: 'CONTRIBUTING.md',
      content: contributingGuide(project),
      reason: 'contributing',
    });
  }
  if (failing.has('codeowners') && missing('codeowners')) {
    if ('handle' in input.codeOwner) {
      proposal.files.push({
        path: '.github/CODEOWNERS',
        content: codeowners(project, input.codeOwner.handle),
        reason: 'codeowners',
      });
    } else {
      proposal.skipped.push({
        reason: 'codeowners',
        message: input.codeOwner.error,
      });
    }
  }
  if (failing.has('issueTemplates') && missing('issueTemplates')) {
    for (const file of issueTemplates(project)) {
      proposal.files.push({ ...file, reason: 'issueTemplates' });
    }
  }
  if (missing('innersourceJson')) {
    proposal.files.push({
      path: 'innersource.json',
      content: innersourceJson(project),
      reason: 'innersourceJson',
    });
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
    if (!isGithubLabelName(label.name)) {
      proposal.skipped.push({
        reason: 'label',
        message: `the label ${JSON.stringify(
          label.name,
        )} is not a GitHub label name (one line, at most 50 characters)`,
      });
      continue;
    }
    presentLabels.add(key);
    proposal.labels.push(label);
  }
  return proposal;
}

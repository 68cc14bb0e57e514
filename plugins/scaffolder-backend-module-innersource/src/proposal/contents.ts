import { READINESS_CHECK_DEFINITIONS } from '@innersource-for-backstage/plugin-innersource-common';
import { changeRequestName, ReadinessForge } from './forge';
import { inlineMarkdown, singleLine } from './text';

/**
 * What the proposed files say about the project, from its catalog entity.
 *
 * @public
 */
export interface ProjectDetails {
  entityRef: string;
  /** `metadata.title`, else `metadata.name`. */
  title: string;
  /** `metadata.description`. */
  description?: string;
  /** The owner's display name, else its entity ref. */
  ownerTitle?: string;
  /** From the `innersource/skills` annotation. */
  skills: string[];
  /** The repository's web address, built from its validated owner and name. */
  repositoryUrl: string;
  /** Labels of issues the owners would welcome help with. */
  labels: { helpWanted: string[]; goodFirstIssue: string[] };
}

const MAX_SKILLS = 30;

function markdownList(values: string[]): string {
  return values.map(value => inlineMarkdown(value, 50)).join(', ');
}

/** CONTRIBUTING.md in the spirit of InnerSource's "standard base documentation" pattern. */
export function contributingGuide(
  project: ProjectDetails,
  forge: ReadinessForge = 'github',
): string {
  const change = changeRequestName(forge);
  const title = inlineMarkdown(project.title);
  const owner = project.ownerTitle
    ? inlineMarkdown(project.ownerTitle)
    : 'its owning team';
  const lines = [
    `# Contributing to ${title}`,
    '',
    `${title} is an InnerSource project: anyone in the company may propose a change, and ${owner} review and merge it.`,
    '',
    '## Where to start',
    '',
  ];
  if (project.labels.goodFirstIssue.length > 0) {
    lines.push(
      `- Issues labelled ${markdownList(
        project.labels.goodFirstIssue,
      )} are small enough for a first contribution.`,
    );
  }
  if (project.labels.helpWanted.length > 0) {
    lines.push(
      `- Issues labelled ${markdownList(
        project.labels.helpWanted,
      )} are ones the owners would welcome help with.`,
    );
  }
  if (project.skills.length > 0) {
    lines.push(
      `- Skills that help: ${markdownList(
        project.skills.slice(0, MAX_SKILLS),
      )}.`,
    );
  }
  lines.push(
    '- Before a large change, open an issue that describes it, so that the owners can say whether it fits.',
    '',
    '## Making a change',
    '',
    `1. Create a branch or a fork of ${project.repositoryUrl}.`,
    '2. Keep the change small and focused, with tests for what it changes.',
    `3. Open a ${change} that says what it changes and why. ${
      forge === 'gitlab'
        ? 'The code owners are listed as its approvers.'
        : 'The code owners are asked for a review automatically.'
    }`,
    '',
    '## Reviews',
    '',
    `The owners answer issues and ${change}s. If nobody has answered within a week, ask ${owner} directly.`,
    '',
  );
  return lines.join('\n');
}

/** CODEOWNERS: every path owned by one validated handle (`@org/team`, `@group/subgroup` or `@user`). */
export function codeowners(
  project: ProjectDetails,
  handle: string,
  forge: ReadinessForge = 'github',
): string {
  return [
    `# Code owners of ${singleLine(
      project.title,
    )}, from the Backstage catalog (${singleLine(project.entityRef)}).`,
    forge === 'gitlab'
      ? '# GitLab lists them as approvers of every merge request.'
      : '# GitHub asks them to review every pull request.',
    `* ${handle}`,
    '',
  ].join('\n');
}

/** `innersource.json`, the InnerSource portal's file: the project's title, motivation and skills. */
export function innersourceJson(project: ProjectDetails): string {
  const description = project.description
    ? singleLine(project.description, 1000)
    : undefined;
  return `${JSON.stringify(
    {
      title: singleLine(project.title),
      ...(description ? { motivation: description } : {}),
      skills: project.skills.slice(0, MAX_SKILLS).map(s => singleLine(s, 50)),
    },
    null,
    2,
  )}\n`;
}

/** A YAML scalar: JSON strings are valid YAML double-quoted strings. */
function yamlString(value: string): string {
  return JSON.stringify(singleLine(value));
}

/** The body of the bug report template, the same on every forge. */
function bugReport(title: string): string[] {
  return [
    `## What happened in ${title}`,
    '',
    '## What you expected',
    '',
    '## How to reproduce it',
    '',
    '1. ',
    '',
    '## Version or commit',
    '',
  ];
}

/** The body of the feature request template, the same on every forge. */
function featureRequest(title: string): string[] {
  return [
    `## What ${title} should do`,
    '',
    '## Why it matters to you',
    '',
    '## Would you like to make the change yourself?',
    '',
    'See CONTRIBUTING.md for how to start.',
    '',
  ];
}

/** Where each forge reads issue templates from, as the readiness catalogue says. */
const ISSUE_TEMPLATE_FOLDER =
  READINESS_CHECK_DEFINITIONS.issueTemplates.file!.proposal!.writeTo;

/**
 * A bug report and a feature request: GitHub's in `.github/ISSUE_TEMPLATE/`
 * with front matter, GitLab's in `.gitlab/issue_templates/` as plain
 * Markdown (GitLab names each template after its file).
 */
export function issueTemplates(
  project: ProjectDetails,
  forge: ReadinessForge = 'github',
): Array<{ path: string; content: string }> {
  const title = inlineMarkdown(project.title);
  const folder = ISSUE_TEMPLATE_FOLDER[forge];
  if (forge === 'gitlab') {
    return [
      {
        path: `${folder}/Bug.md`,
        content: bugReport(title).join('\n'),
      },
      {
        path: `${folder}/Feature request.md`,
        content: featureRequest(title).join('\n'),
      },
    ];
  }
  return [
    {
      path: `${folder}/bug_report.md`,
      content: [
        '---',
        'name: Bug report',
        `about: ${yamlString(
          `Something in ${project.title} does not work as it should`,
        )}`,
        'labels: ["bug"]',
        '---',
        '',
        ...bugReport(title),
      ].join('\n'),
    },
    {
      path: `${folder}/feature_request.md`,
      content: [
        '---',
        'name: Feature request',
        `about: ${yamlString(`Propose a change to ${project.title}`)}`,
        'labels: ["enhancement"]',
        '---',
        '',
        ...featureRequest(title),
      ].join('\n'),
    },
  ];
}

import type {
  ContributorIdentity,
  InnerSourceJson,
  IssueFact,
  RepositoryFacts,
} from '@innersource-for-backstage/plugin-innersource-common';

/**
 * The longest value, in characters, each stored field takes. Catalog
 * entities, repositories and forges may carry anything; every value is cut to
 * these where it enters, so that no single one can fail a write on a
 * database that enforces column lengths (PostgreSQL does, SQLite does not).
 */
export const BOUNDS = {
  /** varchar(255) columns: refs, names, titles, tags, skills, labels, ids. */
  ref: 255,
  name: 255,
  title: 255,
  tag: 255,
  skill: 100,
  label: 100,
  taskId: 255,
  assignee: 255,
  /** varchar(63) columns. */
  kind: 63,
  namespace: 63,
  specType: 63,
  lifecycle: 63,
  language: 63,
  /** Identity parts: the contributor key is a short prefix and one of these, within 255. */
  login: 100,
  email: 200,
  personName: 200,
  /** Text columns, bounded so one repository cannot bloat every page that lists it. */
  taskTitle: 500,
  url: 2000,
  description: 2000,
  listItem: 300,
  listLength: 50,
  labelsPerTask: 30,
  tasksPerProject: 1000,
} as const;

// NUL cannot be stored in PostgreSQL text; other control characters only garble what people read.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** The text without control characters, at most `max` characters, never splitting a surrogate pair. */
export function clip(text: string, max: number): string {
  const clean = text.replace(CONTROL, '');
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max);
  const last = cut.charCodeAt(cut.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
}

export function clipOptional(
  text: string | null | undefined,
  max: number,
): string | undefined {
  return typeof text === 'string' ? clip(text, max) : undefined;
}

/** At most `length` non-empty items, each clipped. */
export function clipList(
  items: unknown[] | undefined,
  max: number,
  length: number = BOUNDS.listLength,
): string[] {
  return (items ?? [])
    .filter((item): item is string => typeof item === 'string')
    .map(item => clip(item, max).trim())
    .filter(Boolean)
    .slice(0, length);
}

function boundIdentity(identity: ContributorIdentity): ContributorIdentity {
  return {
    ...identity,
    ...(identity.name !== undefined
      ? { name: clip(identity.name, BOUNDS.personName) }
      : {}),
    ...(identity.email !== undefined
      ? { email: clip(identity.email, BOUNDS.email) }
      : {}),
    ...(identity.login !== undefined
      ? { login: clip(identity.login, BOUNDS.login) }
      : {}),
  };
}

function boundIssue(issue: IssueFact): IssueFact {
  return {
    ...issue,
    id: clip(issue.id, BOUNDS.taskId),
    title: clip(issue.title, BOUNDS.taskTitle),
    url: clip(issue.url, BOUNDS.url),
    labels: clipList(issue.labels, BOUNDS.label, BOUNDS.labelsPerTask),
    ...(issue.assignee !== undefined
      ? { assignee: clip(issue.assignee, BOUNDS.assignee) }
      : {}),
  };
}

function boundInnerSourceJson(json: InnerSourceJson): InnerSourceJson {
  return {
    ...(json.title !== undefined
      ? { title: clip(json.title, BOUNDS.title) }
      : {}),
    ...(json.motivation !== undefined
      ? { motivation: clip(json.motivation, BOUNDS.description) }
      : {}),
    ...(json.contributions !== undefined
      ? { contributions: clipList(json.contributions, BOUNDS.listItem) }
      : {}),
    ...(json.skills !== undefined
      ? { skills: clipList(json.skills, BOUNDS.skill) }
      : {}),
    ...(json.logo !== undefined ? { logo: clip(json.logo, BOUNDS.url) } : {}),
    ...(json.docs !== undefined ? { docs: clip(json.docs, BOUNDS.url) } : {}),
    ...(json.language !== undefined
      ? { language: clip(json.language, BOUNDS.language) }
      : {}),
  };
}

/** A provider's facts with every text a repository or forge controls cut to its bound. */
export function boundFacts(facts: RepositoryFacts): RepositoryFacts {
  return {
    ...facts,
    repository: clip(facts.repository, BOUNDS.url),
    ...(facts.webUrl !== undefined
      ? { webUrl: clip(facts.webUrl, BOUNDS.url) }
      : {}),
    description:
      facts.description === null
        ? null
        : clip(facts.description, BOUNDS.description),
    defaultBranch:
      facts.defaultBranch === null
        ? null
        : clip(facts.defaultBranch, BOUNDS.name),
    primaryLanguage:
      facts.primaryLanguage === null
        ? null
        : clip(facts.primaryLanguage, BOUNDS.language),
    commits:
      facts.commits?.map(c => ({ ...c, author: boundIdentity(c.author) })) ??
      null,
    pullRequests:
      facts.pullRequests?.map(p => ({
        ...p,
        author: boundIdentity(p.author),
      })) ?? null,
    helpWantedIssues:
      facts.helpWantedIssues
        ?.slice(0, BOUNDS.tasksPerProject)
        .map(boundIssue) ?? null,
    innersourceJson: facts.innersourceJson
      ? boundInnerSourceJson(facts.innersourceJson)
      : null,
  };
}

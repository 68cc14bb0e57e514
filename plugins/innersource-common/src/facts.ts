/**
 * What a provider reports about one repository. Every fact a provider cannot
 * supply is `null`: unknown, never zero.
 */

/**
 * A person as a forge or git knows them; any of the fields may be missing.
 *
 * @public
 */
export interface ContributorIdentity {
  name?: string;
  email?: string;
  /** The forge login (GitHub or GitLab username). */
  login?: string;
  /** The forge says this account is a bot (GitHub's `Bot` actors), whatever its login. */
  bot?: boolean;
}

/**
 * A non-merge commit on the default branch whose committer date is in the window.
 *
 * @public
 */
export interface CommitFact {
  sha: string;
  author: ContributorIdentity;
  /** Committer date, ISO 8601. */
  committedAt: string;
  /**
   * The people its `Co-authored-by` trailers name, where the provider reads
   * them: a coding agent named there makes the commit an agent's.
   */
  coAuthors?: ContributorIdentity[];
}

/**
 * A comment or review on a pull request, as time to first response reads it.
 *
 * @public
 */
export interface ResponseFact {
  at: string;
  author: ContributorIdentity;
}

/**
 * A pull or merge request opened in the window.
 *
 * @public
 */
export interface PullRequestFact {
  id: string;
  author: ContributorIdentity;
  createdAt: string;
  state: 'open' | 'merged' | 'closed';
  mergedAt?: string;
  closedAt?: string;
  /**
   * First comment or review by someone other than the author, bots excluded,
   * as the provider decided it. Where `responses` is given, time to first
   * response is decided from those instead (`firstResponseAt` in common).
   */
  firstResponseAt?: string;
  /** When a draft was marked ready for review: its response clock starts then. */
  readyForReviewAt?: string;
  /** The earliest comments and reviews, oldest first, whoever wrote them. */
  responses?: ResponseFact[];
}

/**
 * What the newcomer funnel needs beyond the window: the commits of the 90
 * days before the window's start back to `since`, and who contributed before
 * `since`, so a person's first contribution ever can be told.
 *
 * @public
 */
export interface ContributionHistory {
  /** From when `commits` is whole: the newcomer cohort's start. */
  since: string;
  /** Non-merge commits from `since` to the window's start, newest first. */
  commits: CommitFact[];
  /** Every identity that authored a non-merge commit before `since`, each once. */
  earlierAuthors: ContributorIdentity[];
}

/**
 * An open issue carrying a help-wanted or good-first-issue label.
 *
 * @public
 */
export interface IssueFact {
  /** Stable across refreshes: the forge's node id or the issue URL. */
  id: string;
  number?: number;
  title: string;
  url: string;
  labels: string[];
  createdAt: string;
  updatedAt: string;
  comments: number;
  assignee?: string;
}

/**
 * Which of the InnerSource base documents the repository has.
 *
 * @public
 */
export interface RepositoryFiles {
  readme: boolean;
  contributing: boolean;
  codeowners: boolean;
  license: boolean;
  issueTemplate: boolean;
  pullRequestTemplate: boolean;
  innersourceJson: boolean;
}

/**
 * The InnerSource portal's `innersource.json`, as far as it parsed.
 *
 * @public
 */
export interface InnerSourceJson {
  title?: string;
  motivation?: string;
  contributions?: string[];
  skills?: string[];
  logo?: string;
  docs?: string;
  language?: string;
}

/** @public */
export interface RepositoryFacts {
  /** Which provider collected these facts (`git`, `github`, `gitlab`). */
  provider: string;
  /** How people name the repository: `owner/name`, a URL or a folder. */
  repository: string;
  /** Where a browser can open it, when it has a web home. */
  webUrl?: string;
  collectedAt: string;
  windowDays: number;
  description: string | null;
  defaultBranch: string | null;
  primaryLanguage: string | null;
  stars: number | null;
  forks: number | null;
  /** Subscribers, not stargazers. */
  watchers: number | null;
  openIssues: number | null;
  /** Repository creation (or first commit, for plain git). */
  createdAt: string | null;
  /** Last activity: last push, update or commit. */
  updatedAt: string | null;
  /** Commits per week for the last 13 weeks, oldest first. */
  weeklyCommits: number[] | null;
  commits: CommitFact[] | null;
  pullRequests: PullRequestFact[] | null;
  issuesOpened: number | null;
  helpWantedIssues: IssueFact[] | null;
  files: RepositoryFiles | null;
  innersourceJson: InnerSourceJson | null;
  /**
   * The commit history before the window the newcomer funnel reads; left out
   * by a provider that cannot tell who contributed before (the funnel then
   * falls back to the contributors of earlier snapshots, or is unknown).
   */
  contributionHistory?: ContributionHistory;
}

import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  DAY_MS,
  NEWCOMER_RETURN_DAYS,
  readinessFolders,
  WEEKLY_COMMIT_WEEKS,
  weeklyCommitCounts,
  type CommitFact,
  type ContributionHistory,
  type ContributorIdentity,
  type InnerSourceJson,
  type RepositoryFacts,
  type RepositoryFiles,
} from '@innersource-for-backstage/plugin-innersource-common';
import {
  detectRepositoryFiles,
  parseInnerSourceJson,
  type CommitHistory,
} from '@innersource-for-backstage/plugin-innersource-node';
import { runGit } from './runGit';

// What git log's --format separates fields and records with: no commit text holds them.
const FIELD = '\x1f';
const RECORD = '\x1e';
// between the values of one field (the Co-authored-by trailers)
const VALUE = '\x1d';

/** A repository the git provider opened: where git runs and what the entity is about. */
export interface RepositoryHandle {
  /** The folder git runs in: a working tree or a bare clone. */
  gitDir: string;
  /** The folder inside the repository the entity is about ('' for all of it). */
  subPath: string;
  repository: string;
  webUrl?: string;
  /** Settings git needs to fetch what a partial clone left on the server (its credentials). */
  config?: Array<[string, string]>;
}

export interface GitReaderOptions {
  timeoutMs: number;
  logger: LoggerService;
  signal?: AbortSignal;
}

/** At most this many commits of a window are read, and this much of git log's output. */
const MAX_COMMITS = 50_000;
const MAX_LOG_BYTES = 32 * 1024 * 1024;

/** `Name <e-mail>` as a trailer writes a person; a value without an address is a name. */
export function parsePerson(value: string): ContributorIdentity | undefined {
  const match = /^\s*(.*?)\s*<([^<>]*)>\s*$/.exec(value);
  const who: ContributorIdentity = {};
  const name = match ? match[1] : value.trim();
  if (name) who.name = name;
  if (match?.[2].trim()) who.email = match[2].trim();
  return who.name || who.email ? who : undefined;
}

/** Non-merge commits on HEAD committed since `since` (and up to `until`; any date git reads), newest first, and whether git's answer was cut. */
async function logCommits(
  handle: RepositoryHandle,
  since: string,
  options: GitReaderOptions,
  until?: string,
): Promise<{ commits: CommitFact[]; cut: boolean }> {
  const output = await runGit(
    [
      'log',
      '--no-merges',
      `--since=${since}`,
      ...(until ? [`--until=${until}`] : []),
      `--max-count=${MAX_COMMITS}`,
      `--format=%H${FIELD}%an${FIELD}%ae${FIELD}%cI${FIELD}%(trailers:key=Co-authored-by,valueonly,separator=%x1d)${RECORD}`,
      'HEAD',
      ...(handle.subPath ? ['--', handle.subPath] : []),
    ],
    {
      cwd: handle.gitDir,
      timeoutMs: options.timeoutMs,
      signal: options.signal,
      maxBytes: MAX_LOG_BYTES,
    },
  );
  // Every whole record ends with RECORD: what follows the last one is a line end, or a record cut short.
  const commits = output
    .split(RECORD)
    .slice(0, -1)
    .map(r => r.trim())
    .filter(Boolean)
    .map(r => {
      const [sha, name, email, committedAt, trailers] = r.split(FIELD);
      const fact: CommitFact = {
        sha,
        author: { name, email },
        committedAt: new Date(committedAt).toISOString(),
      };
      const coAuthors = (trailers ?? '')
        .split(VALUE)
        .flatMap(value => parsePerson(value) ?? []);
      if (coAuthors.length) fact.coAuthors = coAuthors;
      return fact;
    });
  return {
    commits,
    cut: commits.length >= MAX_COMMITS || output.length >= MAX_LOG_BYTES,
  };
}

/**
 * The commit history a first collection backfills its weeks from: every
 * non-merge commit since `since`. A history too long for one read is whole
 * only from its oldest commit read.
 */
export async function readCommitHistory(
  handle: RepositoryHandle,
  since: Date,
  options: GitReaderOptions,
): Promise<CommitHistory> {
  const { commits, cut } = await logCommits(
    handle,
    since.toISOString(),
    options,
  );
  const oldest = commits.reduce<string | undefined>(
    (min, c) =>
      min === undefined || c.committedAt < min ? c.committedAt : min,
    undefined,
  );
  return {
    completeSince: cut && oldest ? oldest : since.toISOString(),
    commits,
  };
}

/** At most this much of the list of people who committed before the newcomer cohort is read. */
const MAX_AUTHORS_BYTES = 8 * 1024 * 1024;

/**
 * The history the newcomer funnel reads before the window: the commits of
 * the cohort's window (as long as the window, ending 90 days before now) up
 * to the window's start, and everyone who committed before it. Undefined
 * when git's answer was cut: a funnel counted from part of it would be wrong.
 */
export async function readContributionHistory(
  handle: RepositoryHandle,
  windowDays: number,
  now: Date,
  options: GitReaderOptions,
): Promise<ContributionHistory | undefined> {
  const windowStart = new Date(now.getTime() - windowDays * DAY_MS);
  const since = new Date(
    windowStart.getTime() - NEWCOMER_RETURN_DAYS * DAY_MS,
  ).toISOString();
  const { commits, cut } = await logCommits(handle, since, options);
  if (cut) return undefined;
  // git shortlog lists each author once, whatever the length of the history
  const output = await runGit(
    [
      'shortlog',
      '--summary',
      '--no-merges',
      `--until=${since}`,
      `--group=format:%an${FIELD}%ae`,
      'HEAD',
      ...(handle.subPath ? ['--', handle.subPath] : []),
    ],
    {
      cwd: handle.gitDir,
      timeoutMs: options.timeoutMs,
      signal: options.signal,
      maxBytes: MAX_AUTHORS_BYTES,
    },
  );
  if (output.length >= MAX_AUTHORS_BYTES) return undefined;
  const earlierAuthors = output
    .split('\n')
    .map(line => line.replace(/^\s*\d+\t/, ''))
    .filter(Boolean)
    .map(line => {
      const [name, email] = line.split(FIELD);
      return { name, email };
    });
  return {
    since,
    commits: commits.filter(c => c.committedAt < windowStart.toISOString()),
    earlierAuthors,
  };
}

/** The facts git knows of a repository: commits of the window and the quarter, files, innersource.json. */
export async function readRepositoryFacts(
  handle: RepositoryHandle,
  windowDays: number,
  now: Date,
  options: GitReaderOptions,
): Promise<RepositoryFacts> {
  const git = (args: string[], cwd: string, maxBytes?: number) =>
    runGit(args, {
      cwd,
      timeoutMs: options.timeoutMs,
      signal: options.signal,
      maxBytes,
    });
  const { gitDir, subPath } = handle;
  const pathspec = subPath ? ['--', subPath] : [];
  const until = now.toISOString();
  const logRecords = async (days: number) =>
    (
      await logCommits(
        handle,
        new Date(now.getTime() - days * DAY_MS).toISOString(),
        options,
        until,
      )
    ).commits;

  // The same filter as `git rev-list --count --no-merges --since="<windowDays> days ago" HEAD` at `now`.
  const commits = await logRecords(windowDays);
  const quarterDays = WEEKLY_COMMIT_WEEKS * 7;
  const quarter =
    windowDays >= quarterDays ? commits : await logRecords(quarterDays);
  const contributionHistory = await readContributionHistory(
    handle,
    windowDays,
    now,
    options,
  );
  const weeklyCommits = weeklyCommitCounts(
    quarter.map(c => c.committedAt),
    now,
  );

  const datesOutput = await git(
    ['log', '--format=%cI', 'HEAD', ...pathspec],
    gitDir,
    MAX_LOG_BYTES,
  );
  const dates = datesOutput.trim().split('\n').filter(Boolean);
  if (datesOutput.length >= MAX_LOG_BYTES) {
    // A history too long to list: its first commit is the root's.
    dates.pop();
    const roots = await git(
      ['log', '--max-parents=0', '--format=%cI', 'HEAD'],
      gitDir,
    );
    const root = roots.trim().split('\n').filter(Boolean).pop();
    if (root) dates.push(root);
  }
  const defaultBranch =
    (
      await git(['symbolic-ref', '--short', '-q', 'HEAD'], gitDir).catch(
        () => '',
      )
    ).trim() || null;
  const { files, innersourceJsonPath } = await findFiles(
    gitDir,
    subPath,
    options,
  );
  const innersourceJson = innersourceJsonPath
    ? await readInnerSourceJson(handle, innersourceJsonPath, options)
    : null;

  return {
    provider: 'git',
    repository: handle.repository,
    ...(handle.webUrl ? { webUrl: handle.webUrl } : {}),
    collectedAt: now.toISOString(),
    windowDays,
    description: null,
    defaultBranch,
    primaryLanguage: innersourceJson?.language ?? null,
    stars: null,
    forks: null,
    watchers: null,
    openIssues: null,
    createdAt: dates.length
      ? new Date(dates[dates.length - 1]).toISOString()
      : null,
    updatedAt: dates.length ? new Date(dates[0]).toISOString() : null,
    weeklyCommits,
    commits,
    pullRequests: null,
    issuesOpened: null,
    helpWantedIssues: null,
    files,
    innersourceJson,
    ...(contributionHistory ? { contributionHistory } : {}),
  };
}

/** Which base documents the committed tree has: the entity's folder first, then the root. */
async function findFiles(
  gitDir: string,
  subPath: string,
  options: GitReaderOptions,
): Promise<{ files: RepositoryFiles; innersourceJsonPath?: string }> {
  const git = (args: string[], cwd: string, maxBytes?: number) =>
    runGit(args, {
      cwd,
      timeoutMs: options.timeoutMs,
      signal: options.signal,
      maxBytes,
    });
  const prefixes = subPath ? [`${subPath}/`, ''] : [''];
  const dirs = prefixes.flatMap(p =>
    readinessFolders('git').map(folder => `${p}${folder}` || './'),
  );
  const output = await git(
    [
      'ls-tree',
      '--full-tree',
      '--name-only',
      'HEAD',
      '--',
      ...dirs.map(d => (d === './' ? '.' : d)),
    ],
    gitDir,
  );
  const entries = new Set(
    output
      .split('\n')
      .filter(Boolean)
      .map(e => e.toLocaleLowerCase('en-US')),
  );
  const innersourceJsonPath = prefixes
    .map(p => `${p}innersource.json`)
    .find(candidate => entries.has(candidate.toLocaleLowerCase('en-US')));
  return {
    files: detectRepositoryFiles(entries, subPath ? `${subPath}/` : '', 'git'),
    ...(innersourceJsonPath ? { innersourceJsonPath } : {}),
  };
}

/** The known fields of innersource.json; a file that does not parse counts as absent. */
async function readInnerSourceJson(
  { gitDir, config }: RepositoryHandle,
  filePath: string,
  options: GitReaderOptions,
): Promise<InnerSourceJson | null> {
  // the one file whose content is read: a partial clone fetches it now
  const text = await runGit(['show', `HEAD:${filePath}`], {
    cwd: gitDir,
    timeoutMs: options.timeoutMs,
    maxBytes: 256 * 1024,
    config,
    signal: options.signal,
  });
  try {
    return parseInnerSourceJson(text);
  } catch (error) {
    options.logger.warn(
      `${filePath} in ${gitDir} is not valid JSON: ${(error as Error).message}`,
    );
    return null;
  }
}

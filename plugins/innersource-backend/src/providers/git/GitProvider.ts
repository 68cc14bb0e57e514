import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Entity } from '@backstage/catalog-model';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import type { ScmIntegrationRegistry } from '@backstage/integration';
import { DAY_MS } from '@innersource-for-backstage/plugin-innersource-common';
import type {
  CollectContext,
  CollectRequest,
  CollectResult,
  InnerSourceProvider,
  ProviderSpend,
  RepositoryLocation,
} from '@innersource-for-backstage/plugin-innersource-node';
import {
  decideFolderCollection,
  decideRepositoryCollection,
  FolderGrant,
  readConfiguredCatalogLocations,
  readFolderGrants,
  readRepositoryAllowList,
  REPOSITORY_ALLOW_KEY,
  unavailableRepositoryMessage,
} from '@innersource-for-backstage/plugin-innersource-node';
import { CloneCache, CloneTooLargeError } from './CloneCache';
import { authConfigFor } from './gitAuth';
import {
  readCommitHistory,
  readRepositoryFacts,
  RepositoryHandle,
} from './readRepositoryFacts';
import { CloneTarget, parseCloneTarget } from './remoteUrl';
import { GitError, runGit } from './runGit';

export { gitAuthConfig } from './gitAuth';

/** What follows a repository in the address of one of its files: GitHub, GitLab, Gitea, Bitbucket Server. */
const FILE_SEGMENTS = ['blob', 'tree', 'raw', 'edit', '-', 'src', 'browse'];

/** The most megabytes a clone may take on disk, unless innersource.git.maxCloneMegabytes says otherwise. */
const DEFAULT_MAX_CLONE_MEGABYTES = 1024;

/** No credential helper answers for an anonymous clone: only public repositories can be read. */
const ANONYMOUS: Array<[string, string]> = [['credential.helper', '']];

/** `owner/name` (or `group/sub/name`) of a clone URL, without `.git`. */
function repositoryPathOf(target: CloneTarget): string {
  const scp = /^[^@]+@[^:]+:(.+)$/.exec(target.cloneUrl);
  const repositoryPath = scp
    ? scp[1]
    : new URL(target.cloneUrl).pathname.replace(/^\/+/, '');
  return repositoryPath.replace(/\.git$/, '').replace(/\/+$/, '');
}

export interface GitProviderOptions {
  logger: LoggerService;
  /** Hosts that may be cloned: integrations plus innersource.git.allowedHosts. */
  cloneHosts: string[];
  /** Hosts claimed for this provider alone (innersource.git.allowedHosts). */
  claimedHosts: string[];
  /** Folders entities may point into; resolved, symlinks included. */
  localRoots: string[];
  /**
   * app-config's `catalog.locations` as the catalog writes them
   * (`file:/abs/path`, `url:…`): entities read from them may name folders.
   */
  configuredLocations?: string[];
  /** `innersource.git.folders`: folders named entities may read, wherever they came from. */
  folders?: FolderGrant[];
  cacheDir: string;
  timeoutMs: number;
  /** A clone no refresh used for this long is removed (its repository left the catalog). */
  evictAfterMs: number;
  /** The most bytes one clone may take on disk (innersource.git.maxCloneMegabytes). */
  maxCloneBytes?: number;
  /** Settings every git command of this provider gets (tests map https URLs to folders with `url.<base>.insteadOf`). */
  gitConfig?: Array<[string, string]>;
  integrations?: ScmIntegrationRegistry;
  /** `innersource.repositories.allow`: repositories the backend's credentials may be used for. */
  allow?: string[];
  /** The git config that carries the backend's credentials for a clone URL (integrations' tokens by default). */
  credentialsFor?: (
    cloneUrl: string,
    host: string,
  ) => Promise<Array<[string, string]>>;
  now?: () => Date;
}

/**
 * Reads repositories with the git command: local working trees (folders
 * under innersource.git.localRoots) and clonable https or ssh URLs on allowed
 * hosts, kept as bare clones and fetched incrementally.
 */
export class GitProvider implements InnerSourceProvider {
  readonly id = 'git';
  readonly batchSize = 4;
  readonly hosts: string[];
  private readonly cloneHosts: Set<string>;
  private readonly now: () => Date;
  private readonly cache: CloneCache;
  /** Clones and fetches since the last run finished. */
  private fetches = 0;

  static fromConfig(
    config: Config,
    options: {
      logger: LoggerService;
      integrations?: ScmIntegrationRegistry;
      credentialsFor?: GitProviderOptions['credentialsFor'];
      gitConfig?: GitProviderOptions['gitConfig'];
      now?: () => Date;
    },
  ): GitProvider {
    const git = config.getOptionalConfig('innersource.git');
    const allowedHosts = (
      git?.getOptionalStringArray('allowedHosts') ?? []
    ).map(h => h.toLocaleLowerCase('en-US'));
    const integrationHosts = options.integrations
      ? [
          ...options.integrations.github.list(),
          ...options.integrations.gitlab.list(),
          ...options.integrations.gitea.list(),
          ...options.integrations.bitbucketServer.list(),
        ].map(i => i.config.host.toLocaleLowerCase('en-US'))
      : [];
    const timeoutSeconds = git?.getOptionalNumber('timeoutSeconds') ?? 120;
    if (!(timeoutSeconds > 0)) {
      throw new Error(
        `innersource.git.timeoutSeconds must be above 0, got ${timeoutSeconds}`,
      );
    }
    const evictAfterDays = git?.getOptionalNumber('evictAfterDays') ?? 7;
    if (!(evictAfterDays > 0)) {
      throw new Error(
        `innersource.git.evictAfterDays must be above 0, got ${evictAfterDays}`,
      );
    }
    const maxCloneMegabytes =
      git?.getOptionalNumber('maxCloneMegabytes') ??
      DEFAULT_MAX_CLONE_MEGABYTES;
    if (!(maxCloneMegabytes > 0)) {
      throw new Error(
        `innersource.git.maxCloneMegabytes must be above 0, got ${maxCloneMegabytes}`,
      );
    }
    return new GitProvider({
      logger: options.logger,
      evictAfterMs: evictAfterDays * DAY_MS,
      maxCloneBytes: maxCloneMegabytes * 1024 * 1024,
      gitConfig: options.gitConfig,
      cloneHosts: [...allowedHosts, ...integrationHosts],
      claimedHosts: allowedHosts,
      localRoots: (git?.getOptionalStringArray('localRoots') ?? []).map(root =>
        path.resolve(root),
      ),
      configuredLocations: readConfiguredCatalogLocations(config),
      folders: readFolderGrants(config),
      cacheDir:
        git?.getOptionalString('cacheDir') ??
        path.join(os.tmpdir(), 'backstage-innersource-git'),
      timeoutMs: timeoutSeconds * 1000,
      integrations: options.integrations,
      credentialsFor: options.credentialsFor,
      allow: readRepositoryAllowList(config),
      now: options.now,
    });
  }

  constructor(private readonly options: GitProviderOptions) {
    this.hosts = options.claimedHosts;
    this.cloneHosts = new Set(
      options.cloneHosts.map(h => h.toLocaleLowerCase('en-US')),
    );
    this.now = options.now ?? (() => new Date());
    this.cache = new CloneCache({
      dir: options.cacheDir,
      evictAfterMs: options.evictAfterMs,
      maxBytes: options.maxCloneBytes,
      abandonPartialAfterMs: 2 * options.timeoutMs,
      now: this.now,
    });
  }

  /** Tidies the clone cache; answers the clones and fetches of the run. */
  async runFinished(): Promise<ProviderSpend> {
    const spent = { requests: this.fetches };
    this.fetches = 0;
    const { evicted, partials } = await this.cache.tidy();
    if (evicted || partials) {
      this.options.logger.info(
        `git cache: removed ${evicted} clones no refresh used for ${Math.round(
          this.options.evictAfterMs / DAY_MS,
        )} days and ${partials} partial clones`,
      );
    }
    return spent;
  }

  supports(location: RepositoryLocation): boolean {
    if (location.type === 'path') return true;
    return (
      location.type === 'url' &&
      this.cloneHosts.has(location.host.toLocaleLowerCase('en-US'))
    );
  }

  async collect(
    requests: CollectRequest[],
    context: CollectContext = {},
  ): Promise<CollectResult[]> {
    const results: CollectResult[] = [];
    const { signal } = context;
    for (const request of requests) {
      // A stopped run (its scheduler timeout, a shutdown) starts no more git: the rest waits for the next run.
      if (signal?.aborted) {
        results.push({
          entityRef: request.entityRef,
          outcome: 'deferred',
          reason: 'the refresh run was stopped before this repository',
        });
        continue;
      }
      try {
        results.push(await this.collectOne(request, signal));
      } catch (error) {
        // git's own words carry clone URLs, cache paths and stderr: for the log, not the entity's readers
        this.options.logger.warn(
          `git could not read the repository of ${request.entityRef}: ${
            (error as Error).message
          }`,
        );
        results.push({
          entityRef: request.entityRef,
          outcome: 'failed',
          error: readerMessage(error, request.location),
        });
      }
    }
    return results;
  }

  private git(
    args: string[],
    cwd: string,
    config?: Array<[string, string]>,
    signal?: AbortSignal,
  ) {
    return runGit(args, {
      cwd,
      timeoutMs: this.options.timeoutMs,
      config: [...(this.options.gitConfig ?? []), ...(config ?? [])],
      signal,
    });
  }

  private async collectOne(
    request: CollectRequest,
    signal?: AbortSignal,
  ): Promise<CollectResult> {
    const handle = await this.open(request.location, request.entity, signal);
    if (!handle) {
      return {
        entityRef: request.entityRef,
        outcome: 'failed',
        error: 'the git provider reads folders and repository URLs only',
      };
    }
    if ('error' in handle) {
      return {
        entityRef: request.entityRef,
        outcome: 'failed',
        error: handle.error,
        // Refused by the folder rule: what was stored of it before goes too.
        ...(handle.forget ? { forget: true } : {}),
      };
    }

    const now = this.now();
    const head = (
      await this.git(
        ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'],
        handle.gitDir,
        undefined,
        signal,
      ).catch(() => '')
    ).trim();
    if (!head) {
      return {
        entityRef: request.entityRef,
        outcome: 'failed',
        error: `${handle.repository} has no commits yet`,
      };
    }
    // `2:` since folders are named under their root: older snapshots named them by absolute path.
    const fingerprint = `2:${head}:${handle.subPath}:${
      request.windowDays
    }:${Math.floor(now.getTime() / DAY_MS)}`;
    if (request.previous?.fingerprint === fingerprint) {
      return { entityRef: request.entityRef, outcome: 'unchanged' };
    }
    const readerOptions = {
      timeoutMs: this.options.timeoutMs,
      logger: this.options.logger,
      signal,
    };
    const backfillSince = request.backfill
      ? new Date(request.backfill.since)
      : undefined;
    return {
      entityRef: request.entityRef,
      outcome: 'collected',
      facts: await readRepositoryFacts(
        handle,
        request.windowDays,
        now,
        readerOptions,
      ),
      fingerprint,
      // git log reads any span of history for the price of one command.
      ...(backfillSince && Number.isFinite(backfillSince.getTime())
        ? {
            history: await readCommitHistory(
              handle,
              backfillSince,
              readerOptions,
            ),
          }
        : {}),
    };
  }

  private async open(
    location: RepositoryLocation,
    entity: Entity,
    signal?: AbortSignal,
  ): Promise<
    RepositoryHandle | { error: string; forget?: boolean } | undefined
  > {
    if (location.type === 'path') return this.openLocal(location.path, entity);
    if (location.type === 'url')
      return this.openRemote(location.url, entity, signal);
    return undefined;
  }

  /**
   * Whether the backend's credentials may be used for this repository: git
   * cannot tell a repository's visibility, so only when config allows it and
   * the entity was registered from a catalog file inside it.
   */
  private trusts(target: CloneTarget, entity: Entity): boolean {
    const repositoryPath = repositoryPathOf(target);
    return decideRepositoryCollection(
      {
        host: target.host,
        path: repositoryPath,
        visibility: null,
        webUrl: target.webUrl ?? `https://${target.host}/${repositoryPath}`,
        fileSegments: FILE_SEGMENTS,
      },
      { entity, allow: this.options.allow ?? [], forge: 'git' },
    ).allowed;
  }

  /**
   * A folder on the backend's disk: only for an entity the folder rule lets
   * read it (decided before the disk is asked anything), and only under the
   * roots. Readers see its path under its root, never where that root is.
   */
  private async openLocal(
    folder: string,
    entity: Entity,
  ): Promise<RepositoryHandle | { error: string; forget?: boolean }> {
    const rule = {
      configuredLocations: this.options.configuredLocations ?? [],
      folders: this.options.folders ?? [],
    };
    const decision = decideFolderCollection(folder, { entity, ...rule });
    if (!decision.allowed) return { error: decision.error, forget: true };
    const outside = {
      error:
        'its dir: source location is outside innersource.git.localRoots; add its folder there to collect it',
    };
    const roots = [
      ...this.options.localRoots,
      ...(
        await Promise.all(
          this.options.localRoots.map(root =>
            fs.realpath(root).catch(() => undefined),
          ),
        )
      ).filter((root): root is string => Boolean(root)),
    ];
    // Checked before the disk is asked about the folder, so a path outside says nothing of what exists there.
    const lexical = path.resolve(folder);
    if (!isInside(lexical, roots)) return outside;
    const name = nameUnder(lexical, roots);
    let real: string;
    try {
      real = await fs.realpath(folder);
    } catch {
      return { error: `the folder ${name} does not exist on the backend` };
    }
    if (!isInside(real, roots)) return outside;
    if (decision.because === 'named-by-config') {
      // A link inside the named folder must not lead to another one.
      const folders = await Promise.all(
        rule.folders.map(async grant => ({
          ...grant,
          path: await fs.realpath(grant.path).catch(() => grant.path),
        })),
      );
      const again = decideFolderCollection(real, {
        entity,
        configuredLocations: [],
        folders,
      });
      if (!again.allowed) return { error: again.error, forget: true };
    }
    const top = (
      await this.git(['rev-parse', '--show-toplevel'], real).catch(() => '')
    ).trim();
    if (!top) return { error: `${name} is not inside a git repository` };
    const realTop = await fs.realpath(top);
    // A folder inside the roots may belong to a repository that is not.
    if (!isInside(realTop, roots)) return outside;
    return {
      gitDir: realTop,
      subPath: path.relative(realTop, real).split(path.sep).join('/'),
      repository: name,
    };
  }

  private async openRemote(
    url: string,
    entity: Entity,
    signal?: AbortSignal,
  ): Promise<RepositoryHandle | { error: string }> {
    const target = parseCloneTarget(url, this.cloneHosts);
    if ('error' in target) return target;
    const trusted = this.trusts(target, entity);
    if (!trusted && !target.cloneUrl.startsWith('https://')) {
      return {
        error:
          `${target.cloneUrl} is cloned over ssh with the backend's own key, which InnerSource uses only for a repository ` +
          `${REPOSITORY_ALLOW_KEY} names and the entity was registered from; point backstage.io/source-location at its https URL ` +
          'to read it as a public repository',
      };
    }
    // An anonymous clone never shares a folder with one the backend's credentials made.
    const dir = this.cache.folderOf(
      trusted ? target.cloneUrl : `anonymous:${target.cloneUrl}`,
    );
    const credentialsFor =
      this.options.credentialsFor ??
      ((cloneUrl: string, host: string) =>
        authConfigFor(this.options.integrations, cloneUrl, host));
    const auth = trusted
      ? await credentialsFor(target.cloneUrl, target.host)
      : ANONYMOUS;
    this.fetches += 1;
    try {
      if (await this.cache.has(dir)) {
        await this.cache.update(dir, stop =>
          this.git(
            [
              'fetch',
              '--prune',
              '--quiet',
              'origin',
              '+refs/heads/*:refs/heads/*',
            ],
            dir,
            auth,
            anyOf(signal, stop),
          ).then(() => undefined),
        );
      } else {
        await this.cache.clone(dir, async (partial, stop) => {
          // No file content: history and file names are what is read, innersource.json is fetched when read.
          await this.git(
            [
              'clone',
              '--bare',
              '--quiet',
              '--filter=blob:none',
              '--',
              target.cloneUrl,
              partial,
            ],
            this.options.cacheDir,
            auth,
            anyOf(signal, stop),
          );
        });
      }
    } catch (error) {
      if (error instanceof CloneTooLargeError) return { error: error.message };
      throw error;
    }
    return {
      gitDir: dir,
      subPath: target.subPath,
      repository: target.cloneUrl,
      // a partial clone fetches a file's content when it is read, with the clone's own settings
      config: [...(this.options.gitConfig ?? []), ...auth],
      ...(target.webUrl ? { webUrl: target.webUrl } : {}),
    };
  }
}

/** A signal that aborts when any of the given ones does. */
function anyOf(
  ...signals: Array<AbortSignal | undefined>
): AbortSignal | undefined {
  const present = signals.filter((s): s is AbortSignal => s !== undefined);
  return present.length > 1 ? AbortSignal.any(present) : present[0];
}

function isInside(folder: string, roots: string[]): boolean {
  return roots.some(
    root => folder === root || folder.startsWith(`${root}${path.sep}`),
  );
}

/**
 * A folder's name for readers: its path under the innermost root holding it
 * (the root's own name for the root itself), never where the root is.
 */
function nameUnder(folder: string, roots: string[]): string {
  const root = roots
    .filter(r => isInside(folder, [r]))
    .sort((a, b) => b.length - a.length)[0];
  const relative = path.relative(root, folder).split(path.sep).join('/');
  return relative || path.basename(root) || '.';
}

/** What an entity's readers are told when git fails: what went wrong, in plain words. */
function readerMessage(error: unknown, location: RepositoryLocation): string {
  const text = String((error as Error)?.message ?? '');
  if (/timed out/.test(text))
    return 'reading the repository took longer than innersource.git.timeoutSeconds allows';
  // Private and missing read alike (a forge answers an anonymous clone of either with a password prompt).
  if (
    /could not read Username|Authentication failed|Permission denied|403|401|not found|does not exist|404/i.test(
      text,
    )
  )
    return unavailableRepositoryMessage(
      location.type === 'url' ? location.url : 'the repository',
    );
  if (error instanceof GitError)
    return 'git could not read the repository; the backend log has the details';
  return 'reading the repository failed; the backend log has the details';
}

import { createHash } from 'node:crypto';
import type { Dirent } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';

const CLONE = /^[0-9a-f]{32}$/;
const PARTIAL = /^([0-9a-f]{32})\.partial-(\d+)$/;

export interface CloneCacheOptions {
  dir: string;
  /** The most bytes one clone may take on disk; a clone or fetch beyond it is removed. */
  maxBytes?: number;
  /** How often a running clone's size is measured. Default 1 s. */
  measureEveryMs?: number;
  /** A clone no refresh used for this long belongs to a repository gone from the catalog. */
  evictAfterMs: number;
  /** A partial clone this old was left by a clone that died: git is killed after its timeout. */
  abandonPartialAfterMs: number;
  now?: () => Date;
}

/** A clone grew past `innersource.git.maxCloneMegabytes`: its message is for the entity's readers. */
export class CloneTooLargeError extends Error {
  constructor(maxBytes: number) {
    super(
      `the repository's history is larger than innersource.git.maxCloneMegabytes allows (${+(
        maxBytes /
        1024 /
        1024
      ).toPrecision(3)} MB); its clone was removed`,
    );
    this.name = 'CloneTooLargeError';
  }
}

/** Bytes the files under a folder take; files that vanish while it counts (git's temporary ones) count nothing. */
export async function folderBytes(folder: string): Promise<number> {
  let entries: Dirent[];
  try {
    entries = await fs.readdir(folder, { withFileTypes: true });
  } catch {
    return 0;
  }
  let total = 0;
  for (const entry of entries) {
    const at = path.join(folder, entry.name);
    if (entry.isDirectory()) total += await folderBytes(at);
    else total += (await fs.lstat(at).catch(() => undefined))?.size ?? 0;
  }
  return total;
}

/** What tidying removed. */
export interface TidyOutcome {
  evicted: number;
  partials: number;
}

/**
 * The bare clones the git provider keeps between refreshes, one folder per
 * clone URL. A clone is made in a partial folder and renamed when whole, so a
 * clone that dies half-way never passes for a repository; every use marks the
 * folder, and `tidy` removes clones no refresh used for a while (repositories
 * that left the catalog) and partial folders their clone left behind.
 */
export class CloneCache {
  private readonly cloning = new Map<string, Promise<void>>();
  private readonly now: () => Date;

  constructor(private readonly options: CloneCacheOptions) {
    this.now = options.now ?? (() => new Date());
  }

  folderOf(cloneUrl: string): string {
    return path.join(
      this.options.dir,
      createHash('sha256').update(cloneUrl).digest('hex').slice(0, 32),
    );
  }

  async has(folder: string): Promise<boolean> {
    return fs.stat(path.join(folder, 'HEAD')).then(
      () => true,
      () => false,
    );
  }

  /**
   * Clones into the folder through a partial one; two asking for one folder
   * share a clone. `cloneInto` stops when its signal aborts: the clone grew
   * past `maxBytes`, and fails with a CloneTooLargeError.
   */
  async clone(
    folder: string,
    cloneInto: (partial: string, signal?: AbortSignal) => Promise<void>,
  ): Promise<void> {
    const running = this.cloning.get(folder);
    if (running) return running;
    const work = this.cloneOnce(folder, cloneInto).finally(() =>
      this.cloning.delete(folder),
    );
    this.cloning.set(folder, work);
    return work;
  }

  private async cloneOnce(
    folder: string,
    cloneInto: (partial: string, signal?: AbortSignal) => Promise<void>,
  ) {
    await fs.mkdir(this.options.dir, { recursive: true });
    const partial = `${folder}.partial-${process.pid}`;
    await fs.rm(partial, { recursive: true, force: true });
    try {
      await this.withinSize(partial, signal => cloneInto(partial, signal));
      await fs.rename(partial, folder);
    } catch (error) {
      await fs.rm(partial, { recursive: true, force: true });
      if (error instanceof CloneTooLargeError) throw error;
      // another replica sharing the folder may have finished the same clone first
      if (!(await this.has(folder))) throw error;
    }
    await this.markUsed(folder);
  }

  /** Updates a clone (git fetch) within `maxBytes`; a clone that grows past it is removed. */
  async update(
    folder: string,
    fetchInto: (signal?: AbortSignal) => Promise<void>,
  ): Promise<void> {
    try {
      await this.withinSize(folder, fetchInto);
    } catch (error) {
      if (error instanceof CloneTooLargeError)
        await fs.rm(folder, { recursive: true, force: true });
      throw error;
    }
    await this.markUsed(folder);
  }

  /** Runs git on a folder, measuring it while git writes and once git is done. */
  private async withinSize(
    folder: string,
    work: (signal?: AbortSignal) => Promise<void>,
  ): Promise<void> {
    const { maxBytes } = this.options;
    if (maxBytes === undefined) {
      await work();
      return;
    }
    const tooLarge = new AbortController();
    let measuring = false;
    const timer = setInterval(async () => {
      if (measuring || tooLarge.signal.aborted) return;
      measuring = true;
      if ((await folderBytes(folder)) > maxBytes) tooLarge.abort();
      measuring = false;
    }, this.options.measureEveryMs ?? 1000);
    timer.unref();
    try {
      await work(tooLarge.signal);
    } catch (error) {
      if (tooLarge.signal.aborted) throw new CloneTooLargeError(maxBytes);
      throw error;
    } finally {
      clearInterval(timer);
    }
    if ((await folderBytes(folder)) > maxBytes)
      throw new CloneTooLargeError(maxBytes);
  }

  /** Records that a refresh used the clone now. */
  async markUsed(folder: string): Promise<void> {
    const now = this.now();
    await fs.utimes(folder, now, now);
  }

  /** Removes clones unused for `evictAfterMs` and partial folders no clone is writing any more. */
  async tidy(): Promise<TidyOutcome> {
    const outcome: TidyOutcome = { evicted: 0, partials: 0 };
    let names: string[];
    try {
      names = await fs.readdir(this.options.dir);
    } catch {
      return outcome;
    }
    const now = this.now().getTime();
    for (const name of names) {
      const folder = path.join(this.options.dir, name);
      const partial = PARTIAL.exec(name);
      if (!partial && !CLONE.test(name)) continue;
      const stat = await fs.stat(folder).catch(() => undefined);
      if (!stat?.isDirectory()) continue;
      const age = now - stat.mtime.getTime();
      if (partial) {
        const folderOfPartial = path.join(this.options.dir, partial[1]);
        const ours = Number(partial[2]) === process.pid;
        const abandoned = ours
          ? !this.cloning.has(folderOfPartial)
          : age > this.options.abandonPartialAfterMs;
        if (!abandoned) continue;
        outcome.partials += 1;
      } else {
        if (age <= this.options.evictAfterMs || this.cloning.has(folder))
          continue;
        outcome.evicted += 1;
      }
      await fs.rm(folder, { recursive: true, force: true });
    }
    return outcome;
  }
}

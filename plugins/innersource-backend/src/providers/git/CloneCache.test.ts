import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DAY_MS } from '@innersource-for-backstage/plugin-innersource-common';
import { CloneCache } from './CloneCache';

const T0 = new Date('2026-11-24T10:00:00.000Z');
const TIMEOUT_MS = 120_000;
let dir: string;
let now: Date;

function cache() {
  return new CloneCache({
    dir,
    evictAfterMs: 7 * DAY_MS,
    abandonPartialAfterMs: 2 * TIMEOUT_MS,
    now: () => now,
  });
}

/** A folder as git leaves it, last written `at`. */
function folder(name: string, at: Date) {
  const where = path.join(dir, name);
  fs.mkdirSync(where, { recursive: true });
  fs.writeFileSync(path.join(where, 'HEAD'), 'ref: refs/heads/main\n');
  fs.utimesSync(where, at, at);
  return where;
}

const ago = (ms: number) => new Date(now.getTime() - ms);
const left = () => fs.readdirSync(dir).sort();

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'innersource-clones-'));
  now = T0;
});

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('CloneCache', () => {
  it('names one folder per clone URL', () => {
    const clones = cache();
    expect(path.dirname(clones.folderOf('https://git.example/a.git'))).toBe(
      dir,
    );
    expect(clones.folderOf('https://git.example/a.git')).not.toBe(
      clones.folderOf('https://git.example/b.git'),
    );
  });

  it('keeps a clone only once it is whole, and removes what a failed clone left', async () => {
    const clones = cache();
    const target = clones.folderOf('https://git.example/a.git');

    await expect(
      clones.clone(target, async partial => {
        fs.mkdirSync(partial);
        fs.writeFileSync(path.join(partial, 'HEAD'), 'half');
        throw new Error('git clone failed: connection reset');
      }),
    ).rejects.toThrow('connection reset');
    expect(left()).toEqual([]);
    expect(await clones.has(target)).toBe(false);

    await clones.clone(target, async partial => {
      expect(partial).toBe(`${target}.partial-${process.pid}`);
      folder(path.basename(partial), T0);
    });
    expect(left()).toEqual([path.basename(target)]);
    expect(await clones.has(target)).toBe(true);
  });

  it('clones once when two repositories of one URL ask at the same time', async () => {
    const clones = cache();
    const target = clones.folderOf('https://git.example/mono.git');
    let clonesMade = 0;
    const slowClone = async (partial: string) => {
      clonesMade += 1;
      await new Promise(r => setTimeout(r, 20));
      folder(path.basename(partial), T0);
    };
    await Promise.all([
      clones.clone(target, slowClone),
      clones.clone(target, slowClone),
    ]);
    expect(clonesMade).toBe(1);
  });

  it('removes clones no refresh used within evictAfterMs, and keeps the others', async () => {
    const clones = cache();
    const used = clones.folderOf('https://git.example/used.git');
    const gone = clones.folderOf('https://git.example/gone.git');
    folder(path.basename(used), ago(30 * DAY_MS));
    folder(path.basename(gone), ago(30 * DAY_MS));
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not ours');
    await clones.markUsed(used);

    expect(await clones.tidy()).toEqual({ evicted: 1, partials: 0 });
    expect(left()).toEqual([path.basename(used), 'notes.txt'].sort());
  });

  it.each([
    [
      'of a process that died, once older than twice the git timeout',
      99999,
      3 * TIMEOUT_MS,
      true,
    ],
    ['another replica may still be writing', 99999, TIMEOUT_MS, false],
    [
      'of this process, when no clone of it is running',
      process.pid,
      1_000,
      true,
    ],
  ])('tidies a partial clone %s', async (_what, pid, age, removed) => {
    const clones = cache();
    const name = `${'a'.repeat(32)}.partial-${pid}`;
    folder(name, ago(age));
    expect(await clones.tidy()).toEqual({
      evicted: 0,
      partials: removed ? 1 : 0,
    });
    expect(left()).toEqual(removed ? [] : [name]);
  });

  it('keeps the partial folder of a clone this process is making', async () => {
    const clones = cache();
    const target = clones.folderOf('https://git.example/slow.git');
    let finish!: () => void;
    let started!: () => void;
    const inside = new Promise<void>(r => (started = r));
    const cloning = clones.clone(target, async partial => {
      folder(path.basename(partial), ago(DAY_MS));
      const finished = new Promise<void>(r => (finish = r));
      started();
      await finished;
    });
    // the clone is under way, its partial folder written
    await inside;

    expect(await clones.tidy()).toEqual({ evicted: 0, partials: 0 });
    finish();
    await cloning;
    expect(left()).toEqual([path.basename(target)]);
  });

  it('finds nothing to tidy before the first clone', async () => {
    fs.rmSync(dir, { recursive: true });
    expect(await cache().tidy()).toEqual({ evicted: 0, partials: 0 });
    fs.mkdirSync(dir);
  });
});

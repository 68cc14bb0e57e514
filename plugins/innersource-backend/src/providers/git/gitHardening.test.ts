import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { CollectRequest } from '@innersource-for-backstage/plugin-innersource-node';
import { CloneCache, CloneTooLargeError, folderBytes } from './CloneCache';
import { GitProvider } from './GitProvider';
import { gitEnvironment, runGit } from './runGit';

jest.setTimeout(60_000);

let work: string;
const saved = { ...process.env };

beforeEach(() => {
  work = fs.realpathSync(
    fs.mkdtempSync(path.join(os.tmpdir(), 'innersource-hardening-')),
  );
});

afterEach(() => {
  process.env = { ...saved };
  fs.rmSync(work, { recursive: true, force: true });
});

function git(cwd: string, args: string[]) {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'Alice',
      GIT_AUTHOR_EMAIL: 'alice@acme.example',
      GIT_COMMITTER_NAME: 'Alice',
      GIT_COMMITTER_EMAIL: 'alice@acme.example',
    },
  });
}

/** A bare repository at remotes/portal.git that serves partial clones, with a README, a large file and innersource.json. */
function remoteRepository() {
  const repo = path.join(work, 'portal');
  fs.mkdirSync(repo);
  git(repo, ['init', '-q', '-b', 'main']);
  fs.writeFileSync(path.join(repo, 'README.md'), '# Portal\n');
  fs.writeFileSync(path.join(repo, 'data.bin'), 'x'.repeat(200_000));
  fs.writeFileSync(
    path.join(repo, 'innersource.json'),
    JSON.stringify({ title: 'Portal', skills: ['typescript'] }),
  );
  git(repo, ['add', '.']);
  git(repo, ['commit', '-q', '-m', 'start']);
  const remotes = path.join(work, 'remotes');
  fs.mkdirSync(remotes);
  const bare = path.join(remotes, 'portal.git');
  git(work, ['clone', '-q', '--bare', repo, bare]);
  git(bare, ['config', 'uploadpack.allowFilter', 'true']);
  return { repo, remotes, bare };
}

function provider(remotes: string, settings: Record<string, unknown> = {}) {
  return GitProvider.fromConfig(
    new ConfigReader({
      innersource: {
        git: {
          allowedHosts: ['git.test.example'],
          cacheDir: path.join(work, 'cache'),
          ...settings,
        },
      },
    }),
    {
      logger: mockServices.logger.mock(),
      gitConfig: [
        [`url.file://${remotes}/.insteadOf`, 'https://git.test.example/acme/'],
      ],
    },
  );
}

const request: CollectRequest = {
  entityRef: 'component:default/portal',
  entity: {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'portal' },
  },
  location: {
    type: 'url',
    host: 'git.test.example',
    url: 'https://git.test.example/acme/portal.git',
  },
  windowDays: 90,
  labels: { helpWanted: ['help wanted'], goodFirstIssue: [] },
};

const cacheEntries = () =>
  fs.existsSync(path.join(work, 'cache'))
    ? fs.readdirSync(path.join(work, 'cache'))
    : [];

describe('git runs with none of the backend’s own git settings', () => {
  it('ignores system and global config, ~/.netrc and the GIT_* variables of the backend’s environment', async () => {
    const home = path.join(work, 'home');
    fs.mkdirSync(home);
    fs.writeFileSync(
      path.join(home, '.gitconfig'),
      '[http]\n\textraHeader = Authorization: Basic bGVha2Vk\n[url "https://evil.example/"]\n\tinsteadOf = https://github.com/\n',
    );
    fs.writeFileSync(
      path.join(home, '.netrc'),
      'machine github.com login me password leaked\n',
    );
    process.env.HOME = home;
    process.env.GIT_CONFIG_COUNT = '1';
    process.env.GIT_CONFIG_KEY_0 = 'http.https://github.com/.extraHeader';
    process.env.GIT_CONFIG_VALUE_0 = 'Authorization: Basic ZW52';
    process.env.GIT_CONFIG_PARAMETERS = "'core.sshCommand'='evil'";

    const settings = await runGit(['config', '--list', '--show-origin'], {
      cwd: work,
      timeoutMs: 5000,
    });
    expect(settings).not.toMatch(/bGVha2Vk|ZW52|evil/);
    expect(
      await runGit(
        [
          'config',
          '--get-urlmatch',
          'http.extraHeader',
          'https://github.com/acme/portal.git',
        ],
        { cwd: work, timeoutMs: 5000 },
      ),
    ).toBe('\n');

    const env = gitEnvironment();
    expect(env).toMatchObject({
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_TERMINAL_PROMPT: '0',
    });
    expect(env.GIT_CONFIG_PARAMETERS).toBeUndefined();
    expect(env.HOME).not.toBe(home);
    expect(env.XDG_CONFIG_HOME).toBe(env.HOME);
    // git's HOME is empty: no .gitconfig, no .netrc for curl to send
    expect(fs.readdirSync(env.HOME!)).toEqual([]);
    expect(fs.statSync(env.HOME!).mode & 0o077).toBe(0);
  });

  it('resets every extra header, then sends only the one scoped to the repository', async () => {
    const scoped: Array<[string, string]> = [
      [
        'http.https://git.test.example/acme/portal.git.extraHeader',
        'Authorization: Basic dG9rZW4=',
      ],
    ];
    const headers = (url: string) =>
      runGit(['config', '--get-urlmatch', 'http.extraHeader', url], {
        cwd: work,
        timeoutMs: 5000,
        config: scoped,
      });
    expect(await headers('https://git.test.example/acme/portal.git')).toBe(
      'Authorization: Basic dG9rZW4=\n',
    );
    expect(await headers('https://git.test.example/acme/other.git')).toBe('\n');
  });
});

describe('clones', () => {
  it('fetch no file content but innersource.json, read when it is read', async () => {
    const { remotes } = remoteRepository();
    const [result] = await provider(remotes).collect([request]);

    expect(result).toMatchObject({
      outcome: 'collected',
      facts: {
        innersourceJson: { title: 'Portal' },
        files: { readme: true, innersourceJson: true },
      },
    });
    const [clone] = cacheEntries();
    const objects = await runGit(
      [
        'cat-file',
        '--batch-all-objects',
        '--batch-check=%(objecttype) %(objectsize)',
      ],
      { cwd: path.join(work, 'cache', clone), timeoutMs: 5000 },
    );
    const blobs = objects.split('\n').filter(line => line.startsWith('blob '));
    // innersource.json only: README.md and the 200 kB data.bin stayed on the server
    expect(blobs).toHaveLength(1);
  });

  it('fail a repository whose clone is larger than innersource.git.maxCloneMegabytes, leaving nothing of it', async () => {
    const { remotes } = remoteRepository();
    const [result] = await provider(remotes, {
      maxCloneMegabytes: 0.001,
    }).collect([request]);

    expect(result).toEqual({
      entityRef: 'component:default/portal',
      outcome: 'failed',
      error:
        "the repository's history is larger than innersource.git.maxCloneMegabytes allows (0.001 MB); its clone was removed",
    });
    expect(cacheEntries()).toEqual([]);
  });

  it('remove a clone that a fetch grows past the cap', async () => {
    const { remotes, repo, bare } = remoteRepository();
    expect((await provider(remotes).collect([request]))[0].outcome).toBe(
      'collected',
    );
    expect(cacheEntries()).toHaveLength(1);
    const cloned = await folderBytes(
      path.join(work, 'cache', cacheEntries()[0]),
    );
    for (let i = 0; i < 40; i++) {
      fs.writeFileSync(path.join(repo, `file-${i}.txt`), `${i}`);
      git(repo, ['add', '.']);
      git(repo, ['commit', '-q', '-m', `commit ${i}`]);
    }
    git(repo, ['push', '-q', bare, 'main']);

    // the clone fits as it is, not with 40 more commits
    const [result] = await provider(remotes, {
      maxCloneMegabytes: (cloned + 100) / 1024 / 1024,
    }).collect([request]);

    expect(result).toMatchObject({
      outcome: 'failed',
      error: expect.stringContaining('innersource.git.maxCloneMegabytes'),
    });
    expect(cacheEntries()).toEqual([]);
  });

  it('refuses a cap that is not above 0', () => {
    expect(() => provider(work, { maxCloneMegabytes: 0 })).toThrow(
      'innersource.git.maxCloneMegabytes must be above 0, got 0',
    );
  });
});

describe('CloneCache', () => {
  it('stops a clone while it grows past the cap, and removes its partial folder', async () => {
    const dir = path.join(work, 'cache');
    const cache = new CloneCache({
      dir,
      evictAfterMs: 60_000,
      abandonPartialAfterMs: 60_000,
      maxBytes: 1000,
      measureEveryMs: 10,
    });
    const target = cache.folderOf('https://git.example/big.git');
    let stoppedWhileRunning = false;

    const cloning = cache.clone(target, (partial, signal) => {
      fs.mkdirSync(partial, { recursive: true });
      fs.writeFileSync(path.join(partial, 'pack'), 'x'.repeat(5000));
      // a clone that would go on: it ends only when the cache stops it
      return new Promise((_resolve, reject) => {
        signal!.addEventListener('abort', () => {
          stoppedWhileRunning = true;
          reject(new Error('git clone stopped'));
        });
      });
    });

    await expect(cloning).rejects.toBeInstanceOf(CloneTooLargeError);
    expect(stoppedWhileRunning).toBe(true);
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});

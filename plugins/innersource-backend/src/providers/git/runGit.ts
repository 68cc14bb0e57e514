import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export class GitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GitError';
  }
}

export interface RunGitOptions {
  cwd?: string;
  timeoutMs: number;
  /** Extra `-c key=value` settings passed through the environment, never argv. */
  config?: Array<[string, string]>;
  /** Stop git after this many bytes of output and answer what it printed so far. */
  maxBytes?: number;
  /** Stops git when aborted (the refresh run was cancelled or timed out). */
  signal?: AbortSignal;
}

/** Adds git settings through GIT_CONFIG_COUNT/KEY/VALUE, after any already set. */
export function gitConfigEnvironment(
  base: NodeJS.ProcessEnv,
  entries: Array<[string, string]>,
): NodeJS.ProcessEnv {
  const env = { ...base };
  let count = Number(env.GIT_CONFIG_COUNT ?? 0) || 0;
  for (const [key, value] of entries) {
    env[`GIT_CONFIG_KEY_${count}`] = key;
    env[`GIT_CONFIG_VALUE_${count}`] = value;
    count++;
  }
  env.GIT_CONFIG_COUNT = String(count);
  return env;
}

/** Variables of the backend's environment git still reads: how to reach hosts, never what to send them. */
const KEPT_GIT_VARIABLES = new Set([
  'GIT_SSH',
  'GIT_SSH_COMMAND',
  'GIT_SSL_CAINFO',
  'GIT_SSL_CAPATH',
  'GIT_EXEC_PATH',
]);

let privateHome: string | undefined;

/** An empty folder only this process uses as git's HOME: no ~/.gitconfig, ~/.netrc or credential store. */
function emptyHome(): string {
  privateHome ??= mkdtempSync(path.join(os.tmpdir(), 'innersource-git-home-'));
  return privateHome;
}

/**
 * The environment every git command runs in. The backend's own git settings
 * never apply: no system or global config (`insteadOf`, `http.extraHeader`,
 * credential helpers), an empty private HOME (no ~/.netrc), none of the
 * process's GIT_* variables but those above, no prompts; and every extra
 * header is reset, so only the one `config` scopes to a repository's URL is
 * sent.
 */
export function gitEnvironment(
  config: Array<[string, string]> = [],
  base: NodeJS.ProcessEnv = process.env,
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(base)) {
    if (!name.startsWith('GIT_') || KEPT_GIT_VARIABLES.has(name))
      env[name] = value;
  }
  const home = emptyHome();
  return gitConfigEnvironment(
    {
      ...env,
      HOME: home,
      XDG_CONFIG_HOME: home,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_TERMINAL_PROMPT: '0',
      GIT_ASKPASS: '',
      SSH_ASKPASS: '',
      GCM_INTERACTIVE: 'never',
      GIT_SSH_COMMAND: base.GIT_SSH_COMMAND ?? 'ssh -o BatchMode=yes',
    },
    [['credential.helper', ''], ['http.extraHeader', ''], ...config],
  );
}

/**
 * Runs git without a shell, never prompting for credentials, killed after
 * the timeout. Resolves with stdout; rejects with a GitError a person can read.
 */
export function runGit(
  args: string[],
  options: RunGitOptions,
): Promise<string> {
  const env = gitEnvironment(options.config);
  if (options.signal?.aborted) {
    return Promise.reject(
      new GitError(`git ${args[0]} was not started: the refresh was stopped`),
    );
  }
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, {
      cwd: options.cwd,
      env,
      shell: false,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    let outBytes = 0;
    let err = '';
    let settled = false;
    let timer: NodeJS.Timeout | undefined = undefined;
    const cleanups: Array<() => void> = [];
    const finish = (fn: () => void) => {
      if (!settled) {
        settled = true;
        clearTimeout(timer);
        for (const cleanup of cleanups) cleanup();
        fn();
      }
    };
    timer = setTimeout(() => {
      child.kill('SIGKILL');
      finish(() =>
        reject(
          new GitError(
            `git ${args[0]} timed out after ${options.timeoutMs / 1000} s`,
          ),
        ),
      );
    }, options.timeoutMs);
    const onAbort = () => {
      child.kill('SIGKILL');
      finish(() =>
        reject(new GitError(`git ${args[0]} stopped: the refresh was stopped`)),
      );
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    cleanups.push(() => options.signal?.removeEventListener('abort', onAbort));
    child.stdout.on('data', (chunk: Buffer) => {
      if (settled) return;
      out.push(chunk);
      outBytes += chunk.length;
      // An oversized answer (a huge history, a huge file) ends git rather than waiting on it.
      if (options.maxBytes !== undefined && outBytes >= options.maxBytes) {
        child.kill('SIGKILL');
        finish(() =>
          resolve(
            Buffer.concat(out).subarray(0, options.maxBytes).toString('utf8'),
          ),
        );
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (err.length < 4000) err += chunk.toString('utf8');
    });
    child.on('error', error =>
      finish(() => reject(new GitError(`could not run git: ${error.message}`))),
    );
    child.on('close', code =>
      finish(() => {
        if (code === 0) {
          resolve(Buffer.concat(out).toString('utf8'));
        } else {
          const reason =
            err.trim().split('\n').filter(Boolean).pop() ?? `exit code ${code}`;
          reject(new GitError(`git ${args[0]} failed: ${reason}`));
        }
      }),
    );
  });
}

import { spawn } from 'node:child_process';

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

/**
 * Runs git without a shell, never prompting for credentials, killed after
 * the timeout. Resolves with stdout; rejects with a GitError a person can read.
 */
export function runGit(
  args: string[],
  options: RunGitOptions,
): Promise<string> {
  const env = gitConfigEnvironment(
    {
      ...process.env,
      GIT_TERMINAL_PROMPT: '0',
      GIT_ASKPASS: '',
      SSH_ASKPASS: '',
      GCM_INTERACTIVE: 'never',
      GIT_SSH_COMMAND: process.env.GIT_SSH_COMMAND ?? 'ssh -o BatchMode=yes',
    },
    [['credential.helper', ''], ...(options.config ?? [])],
  );
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

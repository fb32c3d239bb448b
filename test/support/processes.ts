import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { AddressInfo, createServer } from 'node:net';
import { join } from 'node:path';
import { Env } from 'test/support/app';

const ROOT = join(__dirname, '..', '..');

export interface RunningProcess {
  child: ChildProcess;
  output(): string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  kill(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Compiles the application once, without a type check (`tsc --noCheck`), into `.data/<name>`, for
 * a suite that starts many processes: each then loads in a few seconds of CPU instead of ts-node's
 * fifteen. Returns the folder to give `spawnEntry`.
 */
export function compileOnce(name: string): string {
  const out = join(ROOT, '.data', name);
  rmSync(out, { recursive: true, force: true });
  const tsc = require.resolve('typescript/bin/tsc', { paths: [ROOT] });
  const result = spawnSync(
    process.execPath,
    [tsc, '-p', 'tsconfig.build.json', '--noCheck', '--outDir', out],
    { cwd: ROOT, encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`tsc failed:\n${result.stdout}${result.stderr}`);
  return out;
}

/**
 * Starts `src/<entry>.ts` in its own Node process (ts-node, no type check), as a developer would;
 * or its compiled `.js` from the folder `compileOnce` returned.
 */
export function spawnEntry(
  entry: 'main' | 'worker',
  env: Env = {},
  compiled?: string,
): RunningProcess {
  const args = compiled
    ? [join(compiled, 'src', `${entry}.js`)]
    : [
        '-r',
        'ts-node/register/transpile-only',
        '-r',
        'tsconfig-paths/register',
        join('src', `${entry}.ts`),
      ];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    // The compiled code imports `src/…` as the sources do: NODE_PATH finds them in its folder.
    env: {
      ...process.env,
      LOG_LEVEL: 'info',
      ...(compiled ? { NODE_PATH: compiled } : {}),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    output: () => output,
    exited,
    kill: async (signal = 'SIGKILL') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Waits until the process prints a line matching `pattern`; fails if it exits first. */
export async function waitForOutput(
  proc: RunningProcess,
  pattern: RegExp,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(proc.output())) {
    if (proc.child.exitCode !== null)
      throw new Error(`process exited (${proc.child.exitCode}):\n${proc.output()}`);
    if (Date.now() > deadline)
      throw new Error(`no line matching ${pattern} after ${timeoutMs} ms:\n${proc.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

import { parentPort } from 'node:worker_threads';
import type { ThreadAnswer } from 'src/common/thread-calls';

interface ThreadCall {
  id: number;
  module: string;
  name: string;
  input: unknown;
}

/** Runs one call; whatever goes wrong (a missing export, a throw, an output that cannot be sent) is its answer. */
async function run({ id, module, name, input }: ThreadCall): Promise<void> {
  try {
    const exports = (await import(module)) as Record<string, (input: unknown) => unknown>;
    const fn = exports[name];
    if (typeof fn !== 'function') throw new Error(`${module} exports no function ${name}`);
    parentPort!.postMessage({ id, output: await fn(input) } satisfies ThreadAnswer);
  } catch (error) {
    parentPort!.postMessage({ id, error: String((error as Error)?.message ?? error) });
  }
}

/**
 * The thread `ThreadCalls` starts: each message names a module, one of its exports and the input;
 * the answer is the output or the error's message. Modules are loaded once, at their first call.
 */
parentPort!.on('message', (call: ThreadCall) => {
  run(call).catch(() => undefined); // run answers every failure itself
});

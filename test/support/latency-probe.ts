import { ChildProcess, spawn } from 'node:child_process';

/** What the probe saw: requests answered, the slowest, and those slower than the limit asked about. */
export interface Latencies {
  count: number;
  maxMs: number;
  /** The answer time 99 in 100 answers stayed within. */
  p99Ms: number;
  slowest: number[];
  failures: number;
}

/**
 * Asks `url` every `everyMs` from another process (so that a stalled event loop here cannot hide
 * its own stall), one request at a time, measuring each answer from the moment it was due to be
 * asked (a timer that fired late counts against the answer). `stop()` ends it and reports.
 */
export async function probeLatency(
  url: string,
  everyMs = 50,
): Promise<{ stop(): Promise<Latencies> }> {
  const script = `
    const http = require('node:http');
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const seen = []; let failures = 0; let running = true; const start = performance.now(); let due = start;
    function ask() {
      if (!running) return;
      const request = http.get(${JSON.stringify(url)}, { agent }, (response) => {
        response.resume();
        response.on('end', () => { seen.push(performance.now() - due); next(); });
      });
      request.on('error', () => { failures++; next(); });
    }
    // The next slot after now: a late answer is counted once, not passed on to every later one.
    function next() {
      const now = performance.now();
      due = start + Math.ceil((now - start + 1) / ${everyMs}) * ${everyMs};
      setTimeout(ask, due - now);
    }
    process.stdin.on('data', () => {
      running = false;
      const sorted = [...seen].sort((a, b) => b - a);
      process.stdout.write(JSON.stringify({ count: seen.length, maxMs: sorted[0] ?? 0,
        p99Ms: sorted[Math.floor(sorted.length / 100)] ?? 0,
        slowest: sorted.slice(0, 5).map(Math.round), failures }));
      process.exit(0);
    });
    console.error('ready'); ask();
  `;
  const child: ChildProcess = spawn(process.execPath, ['-e', script], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  await new Promise<void>((resolve) => child.stderr!.once('data', () => resolve()));
  return {
    async stop() {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.stdin!.write('stop\n');
      await exited;
      return JSON.parse(out) as Latencies;
    },
  };
}

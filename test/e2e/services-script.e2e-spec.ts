import { ChildProcess, spawn, spawnSync, SpawnSyncReturns } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  symlinkSync,
} from 'node:fs';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeUnless } from 'test/support/skips';

// scripts/services.sh as a new user meets it: a machine where nothing listens (a network namespace
// of the test's own, loopback up, so the machine's own PostgreSQL and Redis are out of reach) and a
// clone in a folder the postgres user cannot enter (mode 700, as Debian makes home folders and
// mktemp -d makes folders) or in an ordinary one.
const REPO = join(__dirname, '..', '..');

function whyNot(): string | undefined {
  if (process.getuid?.() !== 0) return 'needs root (runuser, a network namespace)';
  const probe = spawnSync('unshare', ['-n', 'true'], { encoding: 'utf8' });
  if (probe.status !== 0) return `cannot make a network namespace (unshare -n): ${probe.stderr}`;
  if (spawnSync('id', ['postgres']).status !== 0) return 'no postgres system user';
  return undefined;
}

/** A network namespace kept open by a sleeping process; commands run in it through nsenter. */
class Namespace {
  private readonly holder: ChildProcess;

  constructor() {
    this.holder = spawn('unshare', ['-n', 'sleep', '600'], { stdio: 'ignore' });
  }

  async ready(): Promise<void> {
    for (let i = 0; i < 50; i++) {
      if (this.run('ip link set lo up').status === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('the network namespace did not come up');
  }

  run(command: string, env: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> {
    return spawnSync('nsenter', ['-t', String(this.holder.pid), '-n', 'bash', '-c', command], {
      encoding: 'utf8',
      env: { ...cleanEnv(), ...env },
      timeout: 120_000,
    });
  }

  close(): void {
    this.holder.kill('SIGKILL');
  }
}

/** The environment without the test run's own service URLs, as a new user's shell has it. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  return env;
}

/** A project folder holding what services.sh needs (itself, ensure-database.js, the packages). */
function projectIn(parent: string): string {
  const project = join(parent, 'duijie');
  mkdirSync(join(project, 'scripts'), { recursive: true });
  for (const file of ['services.sh', 'ensure-database.js']) {
    copyFileSync(join(REPO, 'scripts', file), join(project, 'scripts', file));
  }
  symlinkSync(join(REPO, 'node_modules'), join(project, 'node_modules'));
  return project;
}

/** Answers "pg ok" and "redis ok" for the URLs services.sh chose (or the defaults). */
const PROBE = `
set -a; . .data/services.env; set +a
node -e '
  const { Client } = require("pg");
  const c = new Client({ connectionString: process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/duijie", connectionTimeoutMillis: 3000 });
  c.connect().then(() => c.query("SELECT current_database() AS db")).then((r) => { console.log("pg ok " + r.rows[0].db); return c.end(); }, (e) => console.log("pg down " + e.code));
'
url=\${REDIS_URL:-redis://127.0.0.1:6379}; hostport=\${url#redis://}
reply=$( (exec 3<>"/dev/tcp/\${hostport%:*}/\${hostport#*:}" && printf 'PING\\r\\n' >&3 && timeout 3 head -c 5 <&3) 2>/dev/null || true)
[[ $reply == +PONG* ]] && echo "redis ok" || echo "redis down"
`;

const withRoot = describeUnless(
  whyNot(),
  'services script in a network namespace (test/e2e/services-script)',
  'run npm test as root on Linux',
);

withRoot('scripts/services.sh on a machine where nothing listens', () => {
  jest.setTimeout(300_000);
  const folders: string[] = [];

  afterAll(() => {
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });

  for (const mode of [0o700, 0o755]) {
    const label = mode === 0o700 ? 'a folder of mode 700' : 'an ordinary folder (755)';

    it(`starts PostgreSQL and Redis from ${label}, runs twice, and stops them`, async () => {
      const parent = mkdtempSync(join(tmpdir(), 'duijie-services-'));
      chmodSync(parent, mode);
      folders.push(parent);
      const project = projectIn(parent);
      const ns = new Namespace();
      let dataDir = '';
      try {
        await ns.ready();
        const inProject = (command: string) => ns.run(`cd '${project}' && ${command}`);

        const nothing = inProject(PROBE);
        expect(nothing.stdout).toContain('pg down');
        expect(nothing.stdout).toContain('redis down');

        const first = inProject('bash scripts/services.sh');
        expect(first.stderr).toContain('started PostgreSQL');
        expect(first.stderr).toContain('started Redis');
        expect(first.status).toBe(0);
        dataDir = readFileSync(join(project, '.data', 'postgres-dir'), 'utf8').trim();
        if (mode === 0o700) {
          expect(dataDir).toMatch(/^\/var\/lib\/postgresql\/duijie-/);
          expect(first.stderr).toContain('closed to the postgres user');
        } else {
          expect(dataDir).toBe(join(project, '.data', 'postgres'));
        }
        expect(inProject(PROBE).stdout).toMatch(/pg ok duijie\nredis ok/);

        const second = inProject('bash scripts/services.sh');
        expect(second.status).toBe(0);
        expect(second.stderr).toContain('already running');
        expect(second.stderr).not.toContain('started PostgreSQL');
        expect(inProject(PROBE).stdout).toMatch(/pg ok duijie\nredis ok/);

        const stop = inProject('bash scripts/services.sh stop');
        expect(stop.status).toBe(0);
        expect(stop.stderr).toContain('stopped PostgreSQL');
        expect(stop.stderr).toContain('stopped Redis');
        const after = inProject(PROBE);
        expect(after.stdout).toContain('pg down');
        expect(after.stdout).toContain('redis down');

        // Started again after a stop, on the same cluster.
        const again = inProject('bash scripts/services.sh');
        expect(again.status).toBe(0);
        expect(again.stderr).toContain('started PostgreSQL');
        expect(again.stderr).not.toContain('initialising');
        expect(inProject('bash scripts/services.sh stop').status).toBe(0);
      } finally {
        ns.run(`cd '${project}' && bash scripts/services.sh stop`);
        ns.close();
        if (dataDir.startsWith('/var/lib/postgresql/duijie-')) {
          rmSync(dataDir, { recursive: true, force: true });
        }
      }
    });
  }

  it('says a server did not start, shows its log, and exits non-zero', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'duijie-services-'));
    chmodSync(parent, 0o755);
    folders.push(parent);
    const project = projectIn(parent);
    const ns = new Namespace();
    try {
      await ns.ready();
      const inProject = (command: string) => ns.run(`cd '${project}' && ${command}`);
      expect(inProject('bash scripts/services.sh && bash scripts/services.sh stop').status).toBe(0);
      // A setting PostgreSQL refuses: the cluster exists but cannot start.
      const conf = join(project, '.data', 'postgres', 'postgresql.conf');
      writeFileSync(conf, `${readFileSync(conf, 'utf8')}\nshared_buffers = 'plenty'\n`);

      const broken = inProject('bash scripts/services.sh');
      expect(broken.status).not.toBe(0);
      expect(broken.stderr).toContain('PostgreSQL did not start');
      expect(broken.stderr).toContain('shared_buffers');
      expect(broken.stderr).not.toContain('started PostgreSQL');
    } finally {
      ns.run(`cd '${project}' && bash scripts/services.sh stop`);
      ns.close();
    }
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { layerOf, LAYERS, mayImport } from 'src/dependency-order';

const ROOT = join(__dirname, '..');

/** Every TypeScript file under src/ but the tests (they may reach anywhere). */
function sourceFiles(): string[] {
  return readdirSync(join(ROOT, 'src'), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts'))
    .map((file) => `src/${file.split('\\').join('/')}`);
}

/** The src/ folders a file imports from (static and dynamic imports, and re-exports). */
function importedFolders(source: string): string[] {
  const folders = new Set<string>();
  for (const match of source.matchAll(/(?:from|import\()\s*'src\/([a-z-]+)/g)) {
    folders.add(match[1]);
  }
  return [...folders];
}

/** `file → folder` for each import against the order. */
function violations(files: { path: string; source: string }[]): string[] {
  return files.flatMap(({ path, source }) =>
    importedFolders(source)
      .filter((to) => !mayImport(path, to))
      .map((to) => `${path} → src/${to}`),
  );
}

/** Each table's folder: the feature whose entity declares it (`@Entity('name')`). */
function tableOwners(files: { path: string; source: string }[]): Map<string, string> {
  const owners = new Map<string, string>();
  for (const { path, source } of files)
    for (const match of source.matchAll(/@Entity\('([a-z_]+)'/g))
      owners.set(match[1], path.split('/')[1]);
  return owners;
}

/**
 * `file ⇢ table` for each SQL text that reads or writes a later layer's table: an import is not the
 * only way to reach up (migrations, which create every table, are left out).
 */
function upwardSql(files: { path: string; source: string }[], owners: Map<string, string>) {
  return files.flatMap(({ path, source }) => {
    const from = path.split('/')[1];
    if (path.includes('/migrations/') || layerOf(from) === undefined) return [];
    const tables = source.matchAll(/\b(?:FROM|JOIN|UPDATE|INTO)\s+([a-z_]+)\b/g);
    return [...new Set([...tables].map((m) => m[1]))]
      .filter((table) => owners.has(table) && !mayImport(path, owners.get(table)!))
      .map((table) => `${path} ⇢ ${table}`);
  });
}

describe('the dependency order of src/', () => {
  const files = sourceFiles().map((path) => ({
    path,
    source: readFileSync(join(ROOT, path), 'utf8'),
  }));

  it('names every folder of src/ once', () => {
    const folders = new Set(
      files.map((f) => f.path.split('/')[1]).filter((f) => !f.endsWith('.ts')),
    );
    const named = LAYERS.flat();
    expect(new Set(named).size).toBe(named.length);
    expect([...folders].sort()).toEqual([...named].sort());
  });

  it('has no import from a later layer', () => {
    expect(violations(files)).toEqual([]);
  });

  it('has no SQL over a later layer’s table', () => {
    expect(upwardSql(files, tableOwners(files))).toEqual([]);
  });

  it('catches SQL over a later layer’s table (control: the agenda reading live sessions)', () => {
    const owners = new Map([
      ['live_session', 'live'],
      ['event', 'events'],
    ]);
    const upward = {
      path: 'src/agenda/agenda.service.ts',
      source: "tx.query('SELECT id FROM live_session WHERE event_id = $1')",
    };
    const downward = { path: 'src/live/x.ts', source: "tx.query('SELECT id FROM event')" };
    expect(upwardSql([upward, downward], owners)).toEqual([
      'src/agenda/agenda.service.ts ⇢ live_session',
    ]);
  });

  it('catches an upward import (control: deals importing the statistics)', () => {
    const upward = {
      path: 'src/deals/deals.service.ts',
      source: "import { StatisticsService } from 'src/stats/statistics.service';",
    };
    const lateral = {
      path: 'src/registrations/x.ts',
      source: "import { Invitation } from 'src/invitations/invitation.entity';",
    };
    const downward = { path: 'src/web/x.ts', source: "const m = import('src/events/x');" };
    expect(violations([upward, lateral, downward])).toEqual([
      'src/deals/deals.service.ts → src/stats',
    ]);
  });
});

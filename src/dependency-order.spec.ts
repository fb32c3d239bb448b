import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LAYERS, mayImport } from 'src/dependency-order';

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

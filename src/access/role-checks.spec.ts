import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/**
 * What a role or membership check looks like when it is written outside the access policy:
 * reading a person's platform roles, a curator shortcut, comparing a membership's role to a role
 * by name, or asking SQL for a role by name.
 */
const ROLE_CHECKS: readonly RegExp[] = [
  /\broles\??\.(includes|some|every|indexOf|find)\(/,
  /\bisCurator\(/,
  /\brole\s*[!=]==?\s*'(admin|organizer|expert|enterprise|manager|staff|reviewer|viewer|member)'/,
  /'(admin|organizer|expert|enterprise)'\s*=\s*ANY\(/,
  /\brole\s*(=|<>|!=)\s*'(manager|staff|reviewer|viewer|member)'/,
];

/** `file:line` of each role check in the sources given (tests and src/access left out). */
function roleChecks(files: { path: string; source: string }[]): string[] {
  return files
    .filter(({ path }) => !path.startsWith('src/access/') && !path.endsWith('.spec.ts'))
    .flatMap(({ path, source }) =>
      source
        .split('\n')
        .flatMap((line, index) =>
          ROLE_CHECKS.some((pattern) => pattern.test(line)) ? [`${path}:${index + 1}`] : [],
        ),
    );
}

describe('who may do what is decided in src/access alone', () => {
  it('finds no role or membership check anywhere else in src/', () => {
    const files = readdirSync(join(ROOT, 'src'), { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts'))
      .map((file) => `src/${file.split('\\').join('/')}`)
      .map((path) => ({ path, source: readFileSync(join(ROOT, path), 'utf8') }));
    expect(roleChecks(files)).toEqual([]);
  });

  it('catches each way of writing one (control)', () => {
    const samples = [
      "if (user.roles.includes('organizer')) return;",
      'const may = isCurator(user);',
      "if (existing?.role === 'manager') keep();",
      'qb.where("\'expert\' = ANY(u.roles)");',
      "SELECT 1 FROM membership WHERE role = 'manager'",
    ];
    const files = samples.map((source, i) => ({ path: `src/deals/sample-${i}.ts`, source }));
    expect(roleChecks(files)).toHaveLength(samples.length);
    expect(roleChecks([{ path: 'src/access/policy.ts', source: samples[0] }])).toEqual([]);
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

/**
 * Sizes that keep the code readable, checked in `npm test`: a source file says one thing in at most
 * 400 lines, and a page handler stays thin (at most 40 lines, decorators included), leaving the
 * page's data to a presenter and the rules to the services.
 */
const MAX_FILE_LINES = 400;
const MAX_HANDLER_LINES = 40;

const ROOT = join(__dirname, '..');

function sourceFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts'))
    .map((file) => `${folder}/${file.split('\\').join('/')}`);
}

/** Lines of a file's text (a last line without a newline counts). */
function lineCount(text: string): number {
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

/** `file:method lines` for each route handler (a method decorated @Get, @Post, …) over `max`. */
function longHandlers(path: string, text: string, max: number): string[] {
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const long: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isMethodDeclaration(node) && isRoute(node)) {
      const start = file.getLineAndCharacterOfPosition(node.getStart(file)).line;
      const end = file.getLineAndCharacterOfPosition(node.getEnd()).line;
      const lines = end - start + 1;
      if (lines > max) long.push(`${path}:${node.name.getText(file)} ${lines}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return long;
}

function isRoute(method: ts.MethodDeclaration): boolean {
  return (ts.getDecorators(method) ?? []).some((decorator) =>
    /^(Get|Post|Put|Patch|Delete)\(/.test(decorator.expression.getText()),
  );
}

describe('the size of the code', () => {
  it(`has no source file over ${MAX_FILE_LINES} lines`, () => {
    const long = sourceFiles('src')
      .map((path) => ({ path, lines: lineCount(readFileSync(join(ROOT, path), 'utf8')) }))
      .filter((file) => file.lines > MAX_FILE_LINES)
      .map((file) => `${file.path} ${file.lines}`);
    expect(long).toEqual([]);
  });

  it(`has no page handler over ${MAX_HANDLER_LINES} lines`, () => {
    const long = sourceFiles('src/web').flatMap((path) =>
      longHandlers(path, readFileSync(join(ROOT, path), 'utf8'), MAX_HANDLER_LINES),
    );
    expect(long).toEqual([]);
  });

  it('measures a handler from its decorators to its closing brace (control)', () => {
    const handler = (body: number) =>
      `class C {\n  @Get()\n  page() {\n${'    x();\n'.repeat(body)}  }\n}\n`;
    expect(longHandlers('c.ts', handler(37), MAX_HANDLER_LINES)).toEqual([]);
    expect(longHandlers('c.ts', handler(38), MAX_HANDLER_LINES)).toEqual(['c.ts:page 41']);
  });
});

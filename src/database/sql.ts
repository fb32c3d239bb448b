/** `'a', 'b'`: a list of literals for a CHECK constraint built from a TypeScript constant. */
export function sqlList(values: readonly string[]): string {
  return values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ');
}

/** Makes `%`, `_` and `\` in user input match themselves in a LIKE pattern. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * RFC 4180 CSV with a byte-order mark, so that Excel opens the Chinese text correctly. A cell that
 * a spreadsheet would run as a formula (=, +, -, @) is prefixed with an apostrophe.
 */
export function toCsv(table: readonly (readonly string[])[]): string {
  const cell = (value: string) => {
    const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return `\uFEFF${table.map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
}

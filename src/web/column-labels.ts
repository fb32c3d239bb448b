const DATA_TABLE = /<table\b[^>]*\bclass="(?:[^"]*\s)?data(?:\s[^"]*)?"[^>]*>[\s\S]*?<\/table>/gi;
const HEAD = /<thead\b[^>]*>([\s\S]*?)<\/thead>/i;
const HEAD_CELL = /<th\b([^>]*)>([\s\S]*?)<\/th>/gi;
const ROW = /(<tr\b[^>]*>)([\s\S]*?)(<\/tr>)/gi;
const CELL_TAG = /<(td|th)\b([^>]*)>/gi;
const SPAN = /\bcolspan\s*=\s*["']?(\d+)/i;

/**
 * On a phone every data table is a stack of cards (styles/phones.css), where a cell no longer
 * stands under its column's head: each body cell gets its column's name as `data-label`, shown
 * above the cell there. Done here, in the one place every page passes through, so that no table
 * can forget it. Templates are ours and Handlebars escapes what people typed, so the only table
 * tags are the templates' own. A cell that names itself (`data-label` already) or spans several
 * columns (a "nothing yet" row) keeps what it has.
 */
export function withColumnLabels(html: string): string {
  return html.replace(DATA_TABLE, labelTable);
}

function labelTable(table: string): string {
  const head = HEAD.exec(table);
  if (!head) return table;
  const labels: string[] = [];
  for (const [, attributes, content] of head[1].matchAll(HEAD_CELL)) {
    const label = plainText(content);
    for (let span = columnSpan(attributes); span > 0; span--) labels.push(label);
  }
  const headEnd = head.index + head[0].length;
  const body = table
    .slice(headEnd)
    .replace(ROW, (_, open: string, cells: string, close: string) => {
      let column = 0;
      const labelled = cells.replace(CELL_TAG, (tag: string, name: string, attributes: string) => {
        const span = columnSpan(attributes);
        const label = labels[column];
        column += span;
        if (span > 1 || !label || /\bdata-label\s*=/i.test(attributes)) return tag;
        return `<${name} data-label="${label}"${attributes}>`;
      });
      return `${open}${labelled}${close}`;
    });
  return table.slice(0, headEnd) + body;
}

function columnSpan(attributes: string): number {
  return Math.max(1, Number(SPAN.exec(attributes)?.[1] ?? 1));
}

/** A head's words without its tags; already escaped by Handlebars, quotes made safe for an attribute. */
function plainText(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/"/g, '&quot;');
}

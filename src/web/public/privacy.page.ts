/** A run of text, strong where the notice marks it `**…**`. */
export interface Run {
  text: string;
  strong: boolean;
}

/** One block of the privacy notice as the page shows it. */
export type NoticeBlock =
  | { kind: 'heading'; level: 1 | 2; runs: Run[] }
  | { kind: 'list'; items: Run[][] }
  | { kind: 'paragraph'; runs: Run[] };

/** `**strong**` marks split into runs (the page escapes every run's text). */
export function runsOf(text: string): Run[] {
  return text
    .split(/(\*\*[^*]+\*\*)/)
    .filter((part) => part !== '')
    .map((part) =>
      part.startsWith('**') && part.endsWith('**')
        ? { text: part.slice(2, -2), strong: true }
        : { text: part, strong: false },
    );
}

/**
 * The blocks of the notice's Markdown (headings `#`/`##`, lists `- `, paragraphs of consecutive
 * lines): the little the notices use, so that their text stays plain Markdown under `templates/`.
 */
export function noticeBlocks(markdown: string): NoticeBlock[] {
  const blocks: NoticeBlock[] = [];
  for (const chunk of markdown.split(/\n\s*\n/)) {
    const lines = chunk
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    if (lines.length === 0) continue;
    const heading = /^(#{1,2}) (.*)$/.exec(lines[0]);
    if (heading) {
      const level = heading[1].length as 1 | 2;
      blocks.push({ kind: 'heading', level, runs: runsOf(heading[2]) });
    } else if (lines.every((line) => line.startsWith('- '))) {
      blocks.push({ kind: 'list', items: lines.map((line) => runsOf(line.slice(2))) });
    } else {
      blocks.push({ kind: 'paragraph', runs: runsOf(lines.join(' ')) });
    }
  }
  return blocks;
}

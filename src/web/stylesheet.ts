import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEMPLATES_DIR } from 'src/common/paths';

/** The shared styles come first; each part of the site's own file follows, by name. */
const FIRST = 'site.css';

/**
 * The site's one stylesheet: `templates/styles/*.css` joined once at start, served as
 * `/assets/site-<hash>.css` so that browsers keep it for a year and fetch it again only when it
 * changes (the pages no longer carry their CSS inline).
 */
@Injectable()
export class Stylesheet {
  readonly css: string;
  readonly path: string;

  constructor() {
    const dir = join(TEMPLATES_DIR, 'styles');
    const files = readdirSync(dir)
      .filter((file) => file.endsWith('.css'))
      .sort((a, b) => (a === FIRST ? -1 : b === FIRST ? 1 : a.localeCompare(b)));
    this.css = files.map((file) => readFileSync(join(dir, file), 'utf8')).join('\n');
    const hash = createHash('sha256').update(this.css).digest('hex').slice(0, 12);
    this.path = `/assets/site-${hash}.css`;
  }
}

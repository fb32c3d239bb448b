import { Injectable } from '@nestjs/common';
import Handlebars from 'handlebars';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEMPLATES_DIR } from 'src/common/paths';
import { Locale } from 'src/config/config';

/** Renders `templates/messages/<template>/<locale>/<part>.hbs`; each file is compiled once. */
@Injectable()
export class MessageRenderer {
  private readonly compiled = new Map<string, Handlebars.TemplateDelegate>();

  render(
    template: string,
    locale: Locale,
    parts: readonly string[],
    data: Record<string, unknown>,
  ): Record<string, string> {
    return Object.fromEntries(parts.map((part) => [part, this.part(template, locale, part)(data)]));
  }

  private part(template: string, locale: Locale, part: string): Handlebars.TemplateDelegate {
    if (!/^[a-z0-9-]+$/.test(template)) throw new Error(`invalid template name "${template}"`);
    const file = join(TEMPLATES_DIR, 'messages', template, locale, `${part}.hbs`);
    let compiled = this.compiled.get(file);
    if (!compiled) {
      // Only the HTML part escapes: the others are plain text.
      compiled = Handlebars.compile(readFileSync(file, 'utf8'), {
        noEscape: part !== 'html',
        strict: true,
      });
      this.compiled.set(file, compiled);
    }
    return compiled;
  }
}

import { Injectable } from '@nestjs/common';
import Handlebars from 'handlebars';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEMPLATES_DIR } from 'src/common/paths';
import { Locale } from 'src/config/config';

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}

const PARTS = ['subject', 'text', 'html'] as const;

/** Renders `templates/messages/<template>/<locale>/{subject,text,html}.hbs`; compiled once per file. */
@Injectable()
export class MessageRenderer {
  private readonly compiled = new Map<string, Handlebars.TemplateDelegate>();

  render(template: string, locale: Locale, data: Record<string, unknown>): RenderedMessage {
    const [subject, text, html] = PARTS.map((part) => this.part(template, locale, part)(data));
    return { subject: subject.trim(), text, html };
  }

  private part(
    template: string,
    locale: Locale,
    part: (typeof PARTS)[number],
  ): Handlebars.TemplateDelegate {
    if (!/^[a-z0-9-]+$/.test(template)) throw new Error(`invalid template name "${template}"`);
    const file = join(TEMPLATES_DIR, 'messages', template, locale, `${part}.hbs`);
    let compiled = this.compiled.get(file);
    if (!compiled) {
      // Only the HTML part escapes: subject and text are plain text.
      compiled = Handlebars.compile(readFileSync(file, 'utf8'), {
        noEscape: part !== 'html',
        strict: true,
      });
      this.compiled.set(file, compiled);
    }
    return compiled;
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import Handlebars from 'handlebars';
import { readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { TEMPLATES_DIR } from 'src/common/paths';
import { formatDateTime, formatDay, formatSpan } from 'src/common/time';
import { AppConfig, Locale } from 'src/config/config';
import { Role } from 'src/identity/roles';
import { APP_CONFIG } from 'src/config/config.module';
import { loadPageTexts, PageTexts } from 'src/web/page-texts';
import { withFormTokens } from 'src/web/form-tokens';
import { withColumnLabels } from 'src/web/column-labels';
import { pageContext } from 'src/web/web-request';
import { Stylesheet } from 'src/web/stylesheet';
import { moneyText, wanReadBack } from 'src/common/chinese-numbers';

/** What every page knows besides its own data: who reads it and in which language. */
export interface PageContext {
  locale: Locale;
  timeZone: string;
  /** The path of the page, for the language switch to come back to. */
  path: string;
  /** What every form that posts carries (added by the renderer), checked by `CsrfGuard`. */
  formToken: string;
  user?: { name: string; roles: Role[] };
  /** What the navigation offers the reader: the console and the portals their roles open. */
  can: { organize: boolean; expert: boolean; enterprise: boolean };
}

/**
 * Renders `templates/pages/<name>.hbs` inside the `layout` partial, with the partials of
 * `templates/partials/` (with its folders) and the texts of `templates/i18n/` (`{{t "key"}}`, see loadPageTexts). Compiled
 * once; Handlebars escapes everything a user typed.
 */
@Injectable()
export class PageRenderer {
  private readonly handlebars = Handlebars.create();
  private readonly pages = new Map<string, Handlebars.TemplateDelegate>();
  private readonly texts: PageTexts;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly stylesheet: Stylesheet,
  ) {
    this.texts = loadPageTexts(join(TEMPLATES_DIR, 'i18n'));
    // `templates/partials/console/nav.hbs` is the partial `console/nav`.
    const partials = join(TEMPLATES_DIR, 'partials');
    for (const file of readdirSync(partials, { recursive: true, encoding: 'utf8' })) {
      if (!file.endsWith('.hbs')) continue;
      this.handlebars.registerPartial(
        file.slice(0, -'.hbs'.length).split(sep).join('/'),
        readFileSync(join(partials, file), 'utf8'),
      );
    }
    const h = this.handlebars;
    h.registerHelper('t', (key: string, options: Handlebars.HelperOptions) =>
      this.text(rootOf(options), key, options.hash as Record<string, string | number>),
    );
    h.registerHelper('date', (date: Date | string, options: Handlebars.HelperOptions) => {
      const { timeZone, locale } = rootOf(options);
      return formatDateTime(new Date(date), timeZone, locale);
    });
    // An amount typed in 万元, read back in words beside its box (partials/money-field.hbs).
    h.registerHelper('readBack', (typed: unknown, options: Handlebars.HelperOptions) =>
      wanReadBack(typed, rootOf(options).locale),
    );
    // An amount in fen as every page shows money (moneyText).
    h.registerHelper('money', (fen: number, options: Handlebars.HelperOptions) =>
      moneyText(fen, rootOf(options).locale),
    );
    // A start and an end: the day once, unless the end falls on another (formatSpan).
    h.registerHelper(
      'span',
      (start: Date | string, end: Date | string, options: Handlebars.HelperOptions) => {
        const { timeZone, locale } = rootOf(options);
        return formatSpan(new Date(start), new Date(end), timeZone, locale);
      },
    );
    h.registerHelper('day', (date: Date | string, options: Handlebars.HelperOptions) => {
      const { timeZone, locale } = rootOf(options);
      return formatDay(new Date(date), timeZone, locale);
    });
    h.registerHelper('eq', (a: unknown, b: unknown) => a === b);
    h.registerHelper('subtract', (a: number, b: number) => a - b);
    h.registerHelper('includes', (list: unknown, item: unknown) =>
      Array.isArray(list) ? list.includes(item) : list === item,
    );
    // The last argument of a helper is Handlebars' options.
    h.registerHelper('concat', (...parts: unknown[]) => parts.slice(0, -1).join(''));
    h.registerHelper('join', (items: unknown[], separator: string) =>
      Array.isArray(items) ? items.join(typeof separator === 'string' ? separator : '、') : '',
    );
  }

  /** Answers a request with a page, in the reader's language. */
  send(
    reply: FastifyReply,
    request: FastifyRequest,
    page: string,
    data: Record<string, unknown>,
    status = 200,
  ): void {
    const html = this.render(page, this.context(request), data);
    reply.status(status).header('content-type', 'text/html; charset=utf-8').send(html);
  }

  context(request: FastifyRequest): PageContext {
    return pageContext(request, this.config);
  }

  render(page: string, context: PageContext, data: Record<string, unknown> = {}): string {
    const html = this.page(page)({
      ...data,
      ...context,
      otherLocale: otherLocale(context.locale),
      stylesheet: this.stylesheet.path,
    });
    return withColumnLabels(withFormTokens(html, context.formToken));
  }

  /**
   * A text of the page's language, with `{{name}}` placeholders filled from `values`; a count of
   * one (`n: 1`) reads `<key>.one` where the language has it ("1 result", not "1 results").
   */
  text(context: PageContext, key: string, values: Record<string, string | number> = {}): string {
    const texts = this.texts[context.locale];
    const text = (Number(values.n) === 1 ? texts[`${key}.one`] : undefined) ?? texts[key] ?? key;
    return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ''));
  }

  private page(name: string): Handlebars.TemplateDelegate {
    let compiled = this.pages.get(name);
    if (!compiled) {
      const body = readFileSync(join(TEMPLATES_DIR, 'pages', `${name}.hbs`), 'utf8');
      // preventIndent: the layout's indentation would otherwise be added to every line of a
      // multi-line value, such as a textarea shown again with what was typed.
      compiled = this.handlebars.compile(`{{#> layout}}${body}{{/layout}}`, {
        preventIndent: true,
      });
      this.pages.set(name, compiled);
    }
    return compiled;
  }
}

/** The page's own data, which every helper can read. */
function rootOf(options: Handlebars.HelperOptions): PageContext {
  return (options.data as { root: PageContext }).root;
}

export function otherLocale(locale: Locale): Locale {
  return locale === 'zh-CN' ? 'en' : 'zh-CN';
}

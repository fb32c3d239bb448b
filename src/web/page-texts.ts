import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Locale, LOCALES } from 'src/config/config';

export type PageTexts = Record<Locale, Record<string, string>>;

/**
 * The pages' texts: `<dir>/<locale>.json`, and `<dir>/<part>/<locale>.json` for each part of the
 * site (so that each part keeps its own texts). Refuses, at start-up, a key given twice and a key
 * one language has and another lacks: every page then reads whole in every language.
 */
export function loadPageTexts(dir: string): PageTexts {
  const folders = [
    dir,
    ...readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => join(dir, entry.name))
      .sort(),
  ];
  const texts = Object.fromEntries(
    LOCALES.map((locale) => {
      const merged: Record<string, string> = {};
      for (const folder of folders) {
        const file = join(folder, `${locale}.json`);
        if (!existsSync(file)) continue;
        const own = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
        for (const [key, text] of Object.entries(own)) {
          if (key in merged)
            throw new Error(`page text "${key}" is given twice (again in ${file})`);
          merged[key] = text;
        }
      }
      return [locale, merged];
    }),
  ) as PageTexts;
  const [first, ...others] = LOCALES;
  for (const locale of others) {
    const missing = (from: Locale, to: Locale) =>
      Object.keys(texts[from]).filter((key) => !(key in texts[to]));
    const gaps = [...missing(first, locale), ...missing(locale, first)];
    if (gaps.length > 0)
      throw new Error(`page texts differ between ${first} and ${locale}: ${gaps.join(', ')}`);
  }
  return texts;
}

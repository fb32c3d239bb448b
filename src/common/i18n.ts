import { LOCALES, Locale } from 'src/config/config';

/** A text a person reads, in every locale the platform speaks. */
export type Bilingual = Record<Locale, string>;

/** The best locale for an `Accept-Language` header: the first supported one in the client's order. */
export function pickLocale(acceptLanguage: string | undefined, fallback: Locale): Locale {
  if (!acceptLanguage) return fallback;
  const wanted = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.slice(2)) : 1 };
    })
    .filter((entry) => entry.tag !== '' && entry.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of wanted) {
    if (tag === '*') return fallback;
    const match = LOCALES.find(
      (l) => l.toLowerCase() === tag || l.split('-')[0] === tag.split('-')[0],
    );
    if (match) return match;
  }
  return fallback;
}

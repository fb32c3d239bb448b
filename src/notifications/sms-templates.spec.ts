import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEMPLATES_DIR } from 'src/common/paths';
import { LOCALES } from 'src/config/config';

const MESSAGES = join(TEMPLATES_DIR, 'messages');
/** Registrants' messages all carry their registration's own page, whether the e-mail shows it or not. */
const REGISTRANT_DATA = ['manageUrl', 'checkInCode', 'qrUrl', 'venue'];
/** Messages that prove an address: the e-mail carries a link, the text the code to type. */
const CODE_DATA = ['code', 'minutes'];
const provesAnAddress = (name: string) => ['password-reset', 'verify-address'].includes(name);
const isRegistrantMessage = (name: string) =>
  name.startsWith('registration-') || name === 'event-reminder';

const read = (name: string, locale: string, part: string) => {
  const file = join(MESSAGES, name, locale, `${part}.hbs`);
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
};
/** The data fields a template reads (`{{x}}`, `{{#if x}}`). */
const fieldsOf = (template: string) =>
  [...template.matchAll(/\{\{(?:#if\s+)?([A-Za-z]\w*)\s*\}\}/g)]
    .map((m) => m[1])
    .filter((f) => f !== 'else');

describe('text messages', () => {
  const names = readdirSync(MESSAGES).filter((n) => existsSync(join(MESSAGES, n, 'zh-CN')));

  it.each(names.flatMap((name) => LOCALES.map((locale) => [name, locale])))(
    '%s (%s) has a short text message reading only data its e-mail has',
    (name, locale) => {
      const sms = read(name, locale, 'sms');
      expect(sms.trim()).not.toBe('');
      expect(sms.trim()).not.toContain('\n');
      expect(sms.length).toBeLessThanOrEqual(160);
      // A text-only message (a sign-in code) has no e-mail to compare with.
      if (read(name, locale, 'text') === '') return;
      const known = new Set([
        ...['text', 'html', 'subject'].flatMap((part) => fieldsOf(read(name, locale, part))),
        ...(isRegistrantMessage(name) ? REGISTRANT_DATA : []),
        ...(provesAnAddress(name) ? CODE_DATA : []),
      ]);
      expect(fieldsOf(sms).filter((f) => !known.has(f))).toEqual([]);
    },
  );

  it("gives every registrant's message the link to the registration's own page", () => {
    for (const name of names.filter(isRegistrantMessage))
      for (const locale of LOCALES) expect(read(name, locale, 'sms')).toContain('{{manageUrl}}');
  });
});

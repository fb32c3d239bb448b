import { moneyText } from 'src/common/chinese-numbers';
import { Locale } from 'src/config/config';
import { fenOf } from 'src/web/form-values';
import { Form } from 'src/web/forms';

/**
 * A form's amount, checkbox and number fields as the types of the DTO they are read by: `money`
 * names each box typed in 万元 (as every amount is typed) and the DTO's field in fen it fills.
 */
export function typedForm(
  body: Form,
  fields: { money?: Record<string, string>; checkboxes?: string[]; numbers?: string[] },
): Form {
  const typed: Form = { ...body };
  for (const [shown, dtoField] of Object.entries(fields.money ?? {})) {
    delete typed[shown];
    if (body[shown] !== undefined && body[shown] !== '')
      typed[dtoField] = fenOf(body[shown], 'wan');
  }
  for (const name of fields.checkboxes ?? []) typed[name] = body[name] !== undefined;
  for (const name of fields.numbers ?? []) {
    const text = typeof body[name] === 'string' ? body[name].trim() : '';
    if (/^\d+$/.test(text)) typed[name] = Number(text);
  }
  return typed;
}

/** An amount as every page shows it: 万元 / 亿元 in Chinese, yuan and millions in English (moneyText). */
export function money(fen: number, locale: Locale): string {
  return moneyText(fen, locale);
}

/** No contact for `days` days: the follow-up has gone stale. */
export function isStale(lastContactAt: Date, days: number, now = new Date()): boolean {
  return now.getTime() - new Date(lastContactAt).getTime() > days * 24 * 3600_000;
}

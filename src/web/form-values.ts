import { MONEY_UNITS, MoneyUnit } from 'src/common/money';

/**
 * What people type into forms, read the one way every page reads it, as the values the API's DTOs
 * take. Anything that cannot be read is handed on as typed, so that the DTO refuses it and names
 * the field.
 */

/** The ways people separate the items of a typed list: 电子信息、新材料 / "a, b" / one a line. */
const LIST_SEPARATORS = /[,，、;；\n]/;

/** A list typed as text; undefined when nothing was typed (an edit then leaves the field as it was). */
export function listOf(text: unknown): string[] | undefined {
  if (typeof text !== 'string') return undefined;
  const items = text
    .split(LIST_SEPARATORS)
    .map((item) => item.trim())
    .filter((item) => item !== '');
  return items.length > 0 ? items : undefined;
}

/** Checkboxes or a multiple select of one name: none, one (a string) or several (a list). */
export function checkedOf(value: unknown): string[] {
  return (Array.isArray(value) ? value : [value]).filter(
    (v): v is string => typeof v === 'string' && v !== '',
  );
}

/**
 * An amount typed in `unit` (元 or 万元; thousands separators allowed, no fraction of a fen) as
 * the integer fen the DTOs take; undefined when nothing was typed.
 */
export function fenOf(typed: unknown, unit: MoneyUnit): unknown {
  if (typeof typed !== 'string') return typed;
  const text = typed.trim().replace(/[,，]/g, '');
  if (text === '') return undefined;
  const { fen, decimals } = MONEY_UNITS[unit];
  if (!new RegExp(`^\\d+(\\.\\d{1,${decimals}})?$`).test(text)) return text;
  return Math.round(Number(text) * fen);
}

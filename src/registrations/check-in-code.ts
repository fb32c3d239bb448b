import { randomInt } from 'node:crypto';

/** Letters and digits nobody confuses when reading a code aloud or typing it (no 0/O, 1/I/L). */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const CHECK_IN_CODE_LENGTH = 10;

/** An unguessable code (about 50 bits) for the door. */
export function newCheckInCode(): string {
  return Array.from(
    { length: CHECK_IN_CODE_LENGTH },
    () => ALPHABET[randomInt(ALPHABET.length)],
  ).join('');
}

/** What a person typed or a scanner read, as stored: upper case, without spaces or dashes. */
export function normalizeCheckInCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '');
}

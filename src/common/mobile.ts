import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { ValidateBy } from 'class-validator';

/** A mainland China mobile number as stored and compared: 11 digits starting with 1[3-9]. */
export const CN_MOBILE = /^1[3-9]\d{9}$/;

/**
 * A mobile number as people write it (`138 0013 8000`, `138-0013-8000`, `+86 13800138000`,
 * `0086…`) in the one form that is stored, so that the same person is found again; anything else is
 * returned with its separators removed for the validator to refuse.
 */
export function normalizeMobile(value: string): string {
  const digits = value.replace(/[\s\-().]/g, '');
  const match = /^(?:\+86|0086|86)?(1\d{10})$/.exec(digits);
  return match ? match[1] : digits;
}

/** Whether `value` is a mainland mobile number once written the stored way. */
export function isCnMobile(value: unknown): boolean {
  return typeof value === 'string' && CN_MOBILE.test(normalizeMobile(value));
}

/**
 * The one check of every field where a mobile number is entered (sign-up, sign-in by code, reset,
 * registration, invitees, imported rows): normalized to its 11 digits (`+86`, spaces and dashes
 * removed), then refused with the rule `isCnMobile` unless it is 11 digits starting 13–19.
 */
export const CnMobile = (): PropertyDecorator =>
  applyDecorators(
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' ? normalizeMobile(value) : value,
    ),
    ValidateBy({
      name: 'isCnMobile',
      validator: {
        validate: isCnMobile,
        defaultMessage: () => '$property must be a mainland mobile number (11 digits, 13–19)',
      },
    }),
  );

import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsMobilePhone } from 'class-validator';

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

/** An optional-or-not field holding a mainland mobile number, normalized before it is checked. */
export const CnMobile = (): PropertyDecorator =>
  applyDecorators(
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' ? normalizeMobile(value) : value,
    ),
    IsMobilePhone('zh-CN', { strictMode: false }),
  );

import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { Trim } from 'src/common/dto';

/** The region of a result, a need or an expert: optional, and no longer than its column. */
export const Region = (): PropertyDecorator =>
  applyDecorators(IsOptional(), Trim(), IsString(), MaxLength(100));

/** `true`/`false` in a query string. */
export const QueryBoolean = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  );

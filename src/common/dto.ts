import { applyDecorators } from '@nestjs/common';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDate,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { MAX_FEN } from 'src/common/money';
import { LOCALES, Locale } from 'src/config/config';

/** Trims surrounding white space from a string field before validation. */
export const Trim = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** Trims and lower-cases an e-mail address, so that comparisons are the ones people expect. */
export const NormalizeEmail = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().toLowerCase() : value,
  );

/** `?limit=&offset=` of every list endpoint. */
export class PageQueryDto {
  /** Items per page (1–100). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 20;

  /** Items to skip. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  offset: number = 0;
}

/** `?q=&limit=&offset=` of a searchable list. */
export class SearchQueryDto extends PageQueryDto {
  /** Words to look for. */
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(100)
  q?: string;
}

/** `/:id` of a resource. */
export class IdParamDto {
  @IsUUID()
  id!: string;
}

/** An optional list of up to `maxItems` texts of 1 to `maxLength` characters each. */
export const TextList = (maxItems: number, maxLength: number): PropertyDecorator =>
  applyDecorators(
    IsOptional(),
    IsArray(),
    ArrayMaxSize(maxItems),
    IsString({ each: true }),
    Length(1, maxLength, { each: true }),
  );

/** An amount in fen (分): a whole number from 0 to 1,000 亿元. */
export const Fen = (): PropertyDecorator => applyDecorators(IsInt(), Min(0), Max(MAX_FEN));

/** A moment, sent as ISO 8601 text and received as a Date. */
export const DateTime = (): PropertyDecorator =>
  applyDecorators(
    Type(() => Date),
    IsDate(),
  );

/** An export's language: `?lang=zh-CN` or `?lang=en` (the page's), else the client's Accept-Language. */
export class ExportLanguageDto {
  @IsOptional()
  @IsIn(LOCALES)
  lang?: Locale;
}

import { ApiBody, ApiConsumes } from '@nestjs/swagger';
import { applyDecorators } from '@nestjs/common';
import { CommonError } from 'src/common/errors/common.errors';
import { XLSX } from 'src/common/rows';

/** Documents an endpoint that takes a CSV text or an XLSX workbook as its body. */
export const SpreadsheetBody = (example: string) =>
  applyDecorators(ApiConsumes('text/csv', XLSX), ApiBody({ schema: { type: 'string', example } }));

/** The uploaded file, or 415 when the body was neither CSV nor XLSX. */
export function spreadsheet(body: unknown): string | Buffer {
  if (typeof body === 'string' || Buffer.isBuffer(body)) return body;
  throw CommonError.UNSUPPORTED_MEDIA_TYPE({ expected: ['text/csv', XLSX] });
}

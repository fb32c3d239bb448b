import { ApiBody, ApiConsumes } from '@nestjs/swagger';
import { applyDecorators } from '@nestjs/common';
import { XLSX } from 'src/common/rows';

/** Documents an endpoint that takes a CSV text (UTF-8 or GBK) or an XLSX workbook as its body. */
export const SpreadsheetBody = (example: string) =>
  applyDecorators(ApiConsumes('text/csv', XLSX), ApiBody({ schema: { type: 'string', example } }));

import { Readable } from 'node:stream';
import { CommonError } from 'src/common/errors/common.errors';
import { TableFile, XLSX } from 'src/common/rows';
import { ImportError } from 'src/imports/imports.errors';

/**
 * The bytes of an uploaded spreadsheet, refused with IMPORT_TOO_LARGE (413) past `maxBytes`: at
 * once when the declared length says so, else as soon as the bytes received pass it.
 */
export async function uploadBody(
  payload: Readable,
  declaredLength: string | undefined,
  maxBytes: number,
): Promise<Buffer> {
  const tooLarge = () => ImportError.IMPORT_TOO_LARGE({ maxBytes });
  if (declaredLength !== undefined && Number(declaredLength) > maxBytes) throw tooLarge();
  const chunks: Buffer[] = [];
  let received = 0;
  for await (const chunk of payload as AsyncIterable<Buffer>) {
    received += chunk.length;
    if (received > maxBytes) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** The uploaded file with its media type, or 415 when the body was neither CSV nor XLSX. */
export function tableFileOf(body: unknown, mediaType: string | undefined): TableFile {
  if (typeof body === 'string' || Buffer.isBuffer(body)) return { content: body, mediaType };
  throw CommonError.UNSUPPORTED_MEDIA_TYPE({ expected: ['text/csv', XLSX] });
}

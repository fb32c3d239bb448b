import { Test } from 'supertest';

/** The Authorization header for a bearer token. */
export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** The field names of a coded error's `details.fields`, in order. */
export function fieldNames(body: unknown): string[] {
  const fields = (body as { details?: { fields?: { field: string }[] } }).details?.fields ?? [];
  return fields.map((f) => f.field);
}

/** A supertest call whose body is read as a Buffer (a workbook, a document, a PDF). */
export function binary(call: Test): Test {
  return call.buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  });
}

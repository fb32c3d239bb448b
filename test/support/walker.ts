import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { Response } from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { bearer } from 'test/support/http';
import { WalkRequest } from 'test/support/openapi-walk';

/** What one request of a walk came to. */
export interface Outcome {
  request: WalkRequest;
  status: number;
  /** The coded error's code, if any. */
  code?: string;
  /** The response as text (a spreadsheet's cells or a document's text, one per line; nothing for an image). */
  text: string;
  json?: unknown;
}

/** Whether the request got past input validation (and authentication) to the access decision. */
export function reachedDecision(outcome: Outcome): boolean {
  return (
    outcome.status !== 401 && !(outcome.status === 400 && outcome.code === 'VALIDATION_FAILED')
  );
}

const SPREADSHEET = 'spreadsheetml';
const WORD = 'wordprocessingml';
/** Paths whose answer is a file read as bytes. */
const BINARY = /\.(xlsx|docx|pdf)$/;

async function textOf(response: Response): Promise<string> {
  const type = String(response.headers['content-type'] ?? '');
  if (type.includes(SPREADSHEET) && Buffer.isBuffer(response.body)) {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(response.body);
    const cells: string[] = [];
    book.eachSheet((sheet) =>
      sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text)))),
    );
    return cells.join('\n');
  }
  if (type.includes(WORD) && Buffer.isBuffer(response.body)) {
    const xml = strFromU8(unzipSync(response.body)['word/document.xml']);
    return xml.replace(/<[^>]+>/g, '\n').replace(/\n+/g, '\n');
  }
  if (type.startsWith('image/')) return '';
  return response.text ?? '';
}

/** Sends one walk request as the holder of `token` (none: anonymously). */
export async function send(
  http: TestAgent,
  request: WalkRequest,
  token?: string,
): Promise<Outcome> {
  let call = http[request.op.method](request.url).query(request.query);
  if (token) call = call.set(bearer(token));
  call = call.buffer(true);
  if (BINARY.test(request.op.path))
    call = call.parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
  if (request.contentType === 'application/json') call = call.send(request.body as object);
  else if (request.contentType)
    call = call.set('content-type', request.contentType).send(request.body as string);
  const response = await call;
  const text = await textOf(response);
  const json: unknown = BINARY.test(request.op.path) ? undefined : response.body;
  const code = (json as { code?: unknown } | undefined)?.code;
  return {
    request,
    status: response.status,
    code: typeof code === 'string' ? code : undefined,
    text,
    json,
  };
}

/** Runs `work` over `items`, `width` at a time, keeping the order of the answers. */
export async function inParallel<T, R>(
  items: T[],
  width: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const answers: R[] = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      answers[i] = await work(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, lane));
  return answers;
}

/** The texts of `secrets` found in the outcome (ids, titles, contacts, amounts). */
export function secretsIn(outcome: Outcome, secrets: readonly string[]): string[] {
  return secrets.filter((secret) => outcome.text.includes(secret));
}

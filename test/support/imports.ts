import TestAgent from 'supertest/lib/agent';
import { eventually } from 'test/support/app';
import { bearer } from 'test/support/http';

/** What `GET /api/imports/:id` answers (the fields the tests read). */
export interface ImportReport {
  id: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  total: number;
  processed: number;
  imported: number;
  skipped: number;
  errorTotal: number;
  errors: { row: number; field: string; message: string }[];
  errorsCapped: boolean;
}

/** Polls the import until it has ended (the worker must run), and returns its report. */
export async function finishedImport(
  http: TestAgent,
  token: string,
  id: string,
  timeoutMs = 20_000,
): Promise<ImportReport> {
  return eventually(
    async () => {
      const response = await http.get(`/api/imports/${id}`).set(bearer(token)).expect(200);
      const report = response.body as ImportReport;
      return report.status === 'done' || report.status === 'failed' ? report : undefined;
    },
    `import ${id} to end`,
    timeoutMs,
  );
}

/** Posts a spreadsheet to an import endpoint (answered 202 with the job) and waits for its report. */
export async function imported(
  http: TestAgent,
  token: string,
  path: string,
  file: string | Buffer,
  contentType = 'text/csv',
): Promise<ImportReport> {
  const response = await http
    .post(path)
    .set(bearer(token))
    .set('content-type', contentType)
    .send(file)
    .expect(202);
  return finishedImport(http, token, (response.body as ImportReport).id);
}

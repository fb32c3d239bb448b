import { FastifyReply, FastifyRequest } from 'fastify';
import { FieldProblem } from 'src/common/errors/domain-error';
import { Refusal, submitForm } from 'src/web/forms';
import { PageRenderer } from 'src/web/page-renderer';

/**
 * Post/Redirect/Get: back to the page at `path` with the notice `?done=<what>` (and any other
 * query values), so that reloading it does not send the form again.
 */
export function redirectDone(
  reply: FastifyReply,
  path: string,
  done: string,
  more: Record<string, string | undefined> = {},
): void {
  const query = new URLSearchParams({ done });
  for (const [key, value] of Object.entries(more)) if (value) query.set(key, value);
  void reply.redirect(`${path}?${query.toString()}`, 303);
}

/** `?done=<what>` when it is one of the page's notices (else nothing: the query is the reader's to type). */
export function doneOf(done: unknown, known: readonly string[]): string | undefined {
  return typeof done === 'string' && known.includes(done) ? done : undefined;
}

/** The page a form goes back to with the notice `done`, and the text key above it when refused. */
export interface FormPage {
  path: string;
  done: string;
  refusedKey: string;
}

/**
 * Runs a page's form (see submitForm): once it went through, back to its page with the notice;
 * else the refusal, for the page to show again. The console's pages use it, and so do the account
 * pages that go back to /account.
 */
export async function submitThenDone(
  pages: PageRenderer,
  request: FastifyRequest,
  reply: FastifyReply,
  { path, done, refusedKey }: FormPage,
  action: () => Promise<FieldProblem[]>,
): Promise<Refusal | undefined> {
  const context = pages.context(request);
  const refused = await submitForm(context.locale, pages.text(context, refusedKey), action);
  if (!refused) redirectDone(reply, path, done);
  return refused;
}

import { plainToInstance } from 'class-transformer';
import { FastifyReply, FastifyRequest } from 'fastify';
import { validate } from 'class-validator';
import { FieldProblem } from 'src/common/errors/domain-error';
import { toFieldProblems } from 'src/common/errors/field-problems';
import { toDomainError } from 'src/common/errors/to-domain-error';
import { Locale } from 'src/config/config';
import { PageRenderer } from 'src/web/page-renderer';

/**
 * A form checked by the same DTO class as the API endpoint it stands for: the DTO, or the problems
 * by field (so that the page shows them beside the fields and keeps what was typed).
 */
export async function readForm<T extends object>(
  dto: new () => T,
  body: unknown,
): Promise<{ value: T; problems: [] } | { value: undefined; problems: FieldProblem[] }> {
  // An empty input is a field not given (the DTO's optional fields then pass as such).
  const given = Object.entries(typeof body === 'object' && body !== null ? body : {}).filter(
    ([, v]) => v !== '',
  );
  const value = plainToInstance(dto, Object.fromEntries(given));
  const errors = await validate(value, { whitelist: true, forbidUnknownValues: true });
  return errors.length === 0
    ? { value, problems: [] }
    : { value: undefined, problems: toFieldProblems(errors) };
}

/** A search form's problems as lines above the results: `field: message`. */
export function problemLines(problems: FieldProblem[], locale: Locale): { message: string }[] {
  return problems.map((p) => ({ message: `${p.field}: ${p.message[locale]}` }));
}

/** What a refused form shows: messages beside the fields, one above the form, and the status. */
export interface Refusal {
  fields: Record<string, string>;
  problem: string;
  status: number;
}

/**
 * Runs a form's action. The field problems it returns (its DTO refused the input), or a service's
 * refusal with a coded client error, come back as the page shows them; undefined when it went
 * through. Errors of ours (5xx) go on to the error page.
 */
export async function submitForm(
  locale: Locale,
  refusedText: string,
  action: () => Promise<FieldProblem[]>,
): Promise<Refusal | undefined> {
  const fieldsOf = (problems: FieldProblem[]) =>
    Object.fromEntries(problems.map((p) => [p.field, p.message[locale]]));
  try {
    const problems = await action();
    if (problems.length === 0) return undefined;
    return { fields: fieldsOf(problems), problem: refusedText, status: 400 };
  } catch (error) {
    const known = toDomainError(error);
    if (!known || known.spec.status >= 500) throw error;
    return {
      fields: fieldsOf(known.fields),
      problem: known.spec.message[locale],
      status: known.spec.status,
    };
  }
}

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
 * else the refusal, for the page to show again.
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

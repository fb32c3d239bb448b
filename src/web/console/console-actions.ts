import { FastifyReply, FastifyRequest } from 'fastify';
import { toDomainError } from 'src/common/errors/to-domain-error';
import { Locale } from 'src/config/config';
import { redirectDone } from 'src/web/forms';

/** A service's coded refusal of a button's action, as the console shows it. */
export interface CodedRefusal {
  code: string;
  problem: string;
  /** The fields it concerns, as `field: reason`. */
  details: string[];
  status: number;
}

/**
 * Runs an organizer's action: a service's coded client refusal comes back for the page to show,
 * undefined when it went through; errors of ours go on to the error page.
 */
export async function refusalOf(
  locale: Locale,
  action: () => Promise<unknown>,
): Promise<CodedRefusal | undefined> {
  try {
    await action();
    return undefined;
  } catch (error) {
    const known = toDomainError(error);
    if (!known || known.spec.status >= 500) throw error;
    return {
      code: known.code,
      problem: known.spec.message[locale],
      details: known.fields.map((f) => `${f.field}: ${f.message[locale]}`),
      status: known.spec.status,
    };
  }
}

/** The action behind a console button; once done, back to `path` with the notice `done`. */
export async function runAction(
  reply: FastifyReply,
  locale: Locale,
  { path, done }: { path: string; done: string },
  action: () => Promise<unknown>,
): Promise<CodedRefusal | undefined> {
  const refusal = await refusalOf(locale, action);
  if (!refusal) redirectDone(reply, path, done);
  return refusal;
}

/** Links to the pages before and after the one shown, keeping the page's other filters. */
export function pager(
  path: string,
  filters: Record<string, string | undefined>,
  page: { total: number; limit: number; offset: number },
): { previous?: string; next?: string; from: number; to: number; total: number } {
  const link = (offset: number) => {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(filters)) if (value) query.set(key, value);
    if (offset > 0) query.set('offset', String(offset));
    const text = query.toString();
    return text ? `${path}?${text}` : path;
  };
  return {
    previous: page.offset > 0 ? link(Math.max(0, page.offset - page.limit)) : undefined,
    next: page.offset + page.limit < page.total ? link(page.offset + page.limit) : undefined,
    from: page.total === 0 ? 0 : page.offset + 1,
    to: Math.min(page.total, page.offset + page.limit),
    total: page.total,
  };
}

/** The named filters of a page's query string, leaving out those not given (so defaults hold). */
export function filtersOf(
  request: FastifyRequest,
  names: readonly string[],
): Record<string, string> {
  const query = (request.query ?? {}) as Record<string, unknown>;
  return Object.fromEntries(
    names.flatMap((name) => (typeof query[name] === 'string' ? [[name, query[name]]] : [])),
  );
}

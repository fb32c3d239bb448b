import { FastifyRequest } from 'fastify';

/** Links to a long list's other pages, and which of its rows are shown. */
export interface Pager {
  previous?: string;
  next?: string;
  from: number;
  to: number;
  total: number;
}

/** Links to the pages before and after the one shown, keeping the page's other filters. */
export function pager(
  path: string,
  filters: Record<string, string | undefined>,
  page: { total: number; limit: number; offset: number },
): Pager {
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

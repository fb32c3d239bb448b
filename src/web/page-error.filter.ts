import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { errorResponse } from 'src/common/errors/error-response';
import { PageRenderer } from 'src/web/page-renderer';

/**
 * Pages answer errors with a page in the reader's language: the coded message, never a stack; an
 * anonymous reader of a page that needs a sign-in is sent to sign in.
 */
@Catch()
export class PageErrorFilter implements ExceptionFilter {
  constructor(private readonly pages: PageRenderer) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const context = this.pages.context(request);
    const { status, body, unexpected, headers } = errorResponse(
      error,
      context.locale,
      String(request.id),
    );
    const reply = http.getResponse<FastifyReply>();
    // A page that needs a signed-in reader sends the anonymous one to sign in, and back after.
    if (status === 401 && request.method === 'GET') {
      reply.redirect(`/sign-in?next=${encodeURIComponent(request.url)}`, 303);
      return;
    }
    if (unexpected) request.log.error({ err: error }, 'unexpected error');
    // An address whose path is malformed (/activities/not-a-uuid) names no page: not found.
    const notFound = status === 404 || malformedPath(request, body.details);
    const html = this.pages.render('error', context, {
      title: this.pages.text(context, notFound ? 'error.notFoundTitle' : 'error.title'),
      heading: notFound ? this.pages.text(context, 'error.notFoundTitle') : undefined,
      message:
        notFound && status !== 404 ? this.pages.text(context, 'error.notFound') : body.message,
    });
    reply
      .status(notFound ? 404 : status)
      .headers(headers)
      .header('content-type', 'text/html; charset=utf-8')
      .send(html);
  }
}

/** A refusal that names only the address's own parts (its path parameters), none of the query's or the form's. */
function malformedPath(request: FastifyRequest, details: Record<string, unknown>): boolean {
  const fields = Array.isArray(details.fields) ? (details.fields as { field?: unknown }[]) : [];
  const inPath = Object.keys((request.params as Record<string, unknown> | undefined) ?? {});
  return (
    request.method === 'GET' &&
    fields.length > 0 &&
    fields.every((f) => typeof f.field === 'string' && inPath.includes(f.field))
  );
}

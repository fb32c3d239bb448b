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
    const { status, body, unexpected } = errorResponse(error, context.locale, String(request.id));
    const reply = http.getResponse<FastifyReply>();
    // A page that needs a signed-in reader sends the anonymous one to sign in, and back after.
    if (status === 401 && request.method === 'GET') {
      void reply.redirect(`/sign-in?next=${encodeURIComponent(request.url)}`, 303);
      return;
    }
    if (unexpected) request.log.error({ err: error }, 'unexpected error');
    const html = this.pages.render('error', context, {
      title: this.pages.text(context, 'error.title'),
      message: body.message,
    });
    void reply.status(status).header('content-type', 'text/html; charset=utf-8').send(html);
  }
}

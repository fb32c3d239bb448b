import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { errorResponse } from 'src/common/errors/error-response';
import { PageRenderer } from 'src/web/page-renderer';

/** Pages answer errors with a page in the reader's language: the coded message, never a stack. */
@Catch()
export class PageErrorFilter implements ExceptionFilter {
  constructor(private readonly pages: PageRenderer) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const context = this.pages.context(request);
    const { status, body, unexpected } = errorResponse(error, context.locale, String(request.id));
    if (unexpected) request.log.error({ err: error }, 'unexpected error');
    const html = this.pages.render('error', context, {
      title: this.pages.text(context, 'error.title'),
      message: body.message,
    });
    void http
      .getResponse<FastifyReply>()
      .status(status)
      .header('content-type', 'text/html; charset=utf-8')
      .send(html);
  }
}

import { ArgumentsHost, Catch, ExceptionFilter, Inject } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { errorResponse } from 'src/common/errors/error-response';
import { AppConfig } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';
import { PageRenderer } from 'src/web/page-renderer';
import { pageContext } from 'src/web/web-request';

/** Pages answer errors with a page in the reader's language: the coded message, never a stack. */
@Catch()
export class PageErrorFilter implements ExceptionFilter {
  constructor(
    private readonly pages: PageRenderer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const context = pageContext(request, this.config);
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

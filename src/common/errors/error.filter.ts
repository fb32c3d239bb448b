import { ArgumentsHost, Catch, ExceptionFilter, Inject } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { errorResponse } from 'src/common/errors/error-response';
import { pickLocale } from 'src/common/i18n';
import { AppConfig } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';

/**
 * The one global filter: every error leaves as `{ code, message, details }`, in the client's
 * language. Nest routes Fastify's own errors (unparsable JSON, too large a body) here as well.
 */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const locale = pickLocale(request.headers['accept-language'], this.config.defaultLocale);
    const { status, body, unexpected, headers } = errorResponse(error, locale, String(request.id));
    if (unexpected) request.log.error({ err: error }, 'unexpected error');
    http
      .getResponse<FastifyReply>()
      .status(status)
      .headers(headers)
      .header('content-type', 'application/json; charset=utf-8')
      .send(body);
  }
}

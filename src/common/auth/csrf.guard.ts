import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { csrfVerdict, dropFormToken } from 'src/common/csrf';
import { CommonError } from 'src/common/errors/common.errors';
import { AppConfig } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';

/**
 * Global guard, before any other: a state-changing request riding a browser's cookies must come
 * from our own pages (see `csrfVerdict`). Refusals are 403 with a code; pages show them as a page.
 */
@Injectable()
export class CsrfGuard implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const verdict = csrfVerdict(
      {
        method: request.method,
        url: request.url,
        headers: request.headers,
        cookies: request.cookies ?? {},
        body: request.body,
      },
      this.config,
    );
    if (verdict === 'cross-site') throw CommonError.CROSS_SITE_REFUSED();
    if (verdict === 'form-expired') throw CommonError.FORM_EXPIRED();
    if (verdict === 'cookie-needs-json') throw CommonError.COOKIE_NEEDS_JSON();
    dropFormToken(request.body);
    return true;
  }
}

import {
  applyDecorators,
  CallHandler,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  UseFilters,
  UseInterceptors,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { FastifyRequest } from 'fastify';
import { map, Observable } from 'rxjs';
import { PageErrorFilter } from 'src/web/page-error.filter';
import { PreparedResponse } from 'src/common/prepared-response';
import { PageView, Redirect } from 'src/web/page-answer';
import { PageRenderer } from 'src/web/page-renderer';

/**
 * Turns what a page handler answers (a PageView or a Redirect) into the response: the page
 * rendered in the reader's language with its status, or a 303 to the next address.
 */
@Injectable()
export class PageResponder implements NestInterceptor {
  constructor(private readonly pages: PageRenderer) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    return next.handle().pipe(map((answer: unknown) => this.respond(request, answer)));
  }

  private respond(request: FastifyRequest, answer: unknown): unknown {
    if (answer instanceof Redirect) return new PreparedResponse(303, { location: answer.location });
    if (!(answer instanceof PageView)) return answer;
    return this.render(request, answer as PageView);
  }

  private render(request: FastifyRequest, answer: PageView): PreparedResponse {
    const context = this.pages.context(request);
    const { titleKey, titleValues, status = 200, retryAfterSeconds } = answer.options;
    const title = titleKey ? { title: this.pages.text(context, titleKey, titleValues) } : {};
    const html = this.pages.render(answer.template, context, { ...title, ...answer.data });
    const headers: Record<string, string> = { 'content-type': 'text/html; charset=utf-8' };
    if (retryAfterSeconds !== undefined)
      headers['retry-after'] = String(Math.ceil(retryAfterSeconds));
    return new PreparedResponse(status, headers, html);
  }
}

/**
 * A controller of pages: left out of the API's OpenAPI document, errors shown as pages, and its
 * handlers answer with a PageView or a Redirect.
 */
export function PageController(): ClassDecorator {
  return applyDecorators(
    ApiExcludeController(),
    UseFilters(PageErrorFilter),
    UseInterceptors(PageResponder),
  );
}

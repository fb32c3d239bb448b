import { FastifyAdapter } from '@nestjs/platform-fastify';
import { FastifyReply } from 'fastify';

/**
 * A response made whole before Nest sends it, with its own status and headers. Nest otherwise
 * sends a handler's value with the route's fixed status (200, or 201 for a POST), which a page
 * cannot use: a refused form is a 400 or a 409, a form that went through a 303.
 */
export class PreparedResponse {
  constructor(
    readonly status: number,
    readonly headers: Record<string, string>,
    /** None for a redirect (sent without a body or a content type). */
    readonly body?: string,
  ) {}
}

/** Fastify as Nest drives it, sending a PreparedResponse as it is. */
export class HttpAdapter extends FastifyAdapter {
  override reply(
    response: Parameters<FastifyAdapter['reply']>[0],
    body: unknown,
    statusCode?: number,
  ): FastifyReply {
    if (body instanceof PreparedResponse && 'status' in response && 'headers' in response)
      return response.status(body.status).headers(body.headers).send(body.body);
    return super.reply(response, body, statusCode);
  }
}

import { ArgumentsHost, Catch, ExceptionFilter, Inject, Logger } from '@nestjs/common';
import { WebSocket } from 'ws';
import { errorResponse } from 'src/common/errors/error-response';
import { AppConfig, Locale } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';

/** A signalling socket, with the language its person reads. */
export type LiveSocket = WebSocket & { locale?: Locale };

/** Sends an error to one socket as `{ event: 'error', data: { requestId, code, message, details } }`. */
export function sendError(
  socket: LiveSocket,
  error: unknown,
  requestId: unknown,
  fallback: Locale,
) {
  const { body, unexpected } = errorResponse(error, socket.locale ?? fallback, 'live');
  if (socket.readyState === WebSocket.OPEN) {
    socket.send(
      JSON.stringify({ event: 'error', data: { requestId: requestId ?? null, ...body } }),
    );
  }
  return unexpected;
}

/** The signalling gateway's errors, in the same `{ code, message, details }` shape as the API's. */
@Catch()
export class LiveSocketFilter implements ExceptionFilter {
  private readonly logger = new Logger('Live');

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const ws = host.switchToWs();
    const data = ws.getData<{ requestId?: unknown } | undefined>();
    const requestId = typeof data === 'object' && data !== null ? data.requestId : undefined;
    if (sendError(ws.getClient<LiveSocket>(), error, requestId, this.config.defaultLocale)) {
      this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    }
  }
}

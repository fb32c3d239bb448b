import { CommonError } from 'src/common/errors/common.errors';
import { toDomainError } from 'src/common/errors/to-domain-error';
import { Locale } from 'src/config/config';

export interface ErrorBody {
  code: string;
  message: string;
  details: Record<string, unknown>;
}

export interface ErrorResponse {
  status: number;
  body: ErrorBody;
  /** Set when the error is a fault of ours and must be logged with its stack. */
  unexpected: boolean;
  /** Headers the answer carries: `Retry-After` when the error says when to come back. */
  headers: Record<string, string>;
}

/** The one mapping from an error to what the client receives, in the client's locale. */
export function errorResponse(error: unknown, locale: Locale, requestId: string): ErrorResponse {
  const known = toDomainError(error);
  const domain = known ?? CommonError.INTERNAL({ requestId });
  const details: Record<string, unknown> = { ...domain.details };
  if (domain.fields.length > 0) {
    details.fields = domain.fields.map((f) => ({
      field: f.field,
      rule: f.rule,
      message: f.message[locale],
    }));
  }
  const retryAfter = details.retryAfterSeconds;
  return {
    status: domain.spec.status,
    body: { code: domain.code, message: domain.spec.message[locale], details },
    unexpected: known === undefined,
    headers: typeof retryAfter === 'number' ? { 'retry-after': String(Math.ceil(retryAfter)) } : {},
  };
}

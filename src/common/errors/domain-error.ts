import { Bilingual } from 'src/common/i18n';

export interface ErrorSpec {
  status: number;
  message: Bilingual;
}

/** What is wrong with one field of a request: `field` is a dotted path such as `organization.name`. */
export interface FieldProblem {
  field: string;
  rule: string;
  message: Bilingual;
}

/**
 * An expected failure with a stable code. The global filter turns it into
 * `{ code, message, details }` with the spec's HTTP status.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly spec: ErrorSpec,
    readonly details: Record<string, unknown> = {},
    readonly fields: FieldProblem[] = [],
  ) {
    super(`${code}: ${spec.message.en}`);
  }

  /** The same error pinned to the request fields it concerns, so a form can show it beside them. */
  onField(...fields: string[]): DomainError {
    const problems = fields.map((field) => ({
      field,
      rule: this.code,
      message: this.spec.message,
    }));
    return new DomainError(this.code, this.spec, this.details, problems);
  }
}

export type ErrorFactories<K extends string> = {
  readonly [code in K]: (details?: Record<string, unknown>, fields?: FieldProblem[]) => DomainError;
};

/**
 * Declares a feature's error codes once, with their status and texts:
 * `const E = defineErrors({ X_FAILED: { status: 409, message: { 'zh-CN': '…', en: '…' } } })`,
 * then `throw E.X_FAILED({ id })`.
 */
export function defineErrors<K extends string>(specs: Record<K, ErrorSpec>): ErrorFactories<K> {
  const factories = {} as Record<K, ErrorFactories<K>[K]>;
  for (const code of Object.keys(specs) as K[]) {
    factories[code] = (details, fields) => new DomainError(code, specs[code], details, fields);
  }
  return factories;
}

import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { FastifyRequest } from 'fastify';
import { DomainError, FieldProblem } from 'src/common/errors/domain-error';
import { fieldName } from 'src/common/errors/field-names';
import { inputProblems } from 'src/common/errors/field-problems';
import { toDomainError } from 'src/common/errors/to-domain-error';
import { Locale } from 'src/config/config';
import { PageRenderer } from 'src/web/page-renderer';

/**
 * The one way a page runs what a reader sent: a form read by the same DTO class as the API endpoint
 * it stands for, or a button's action, and either way a Refusal the page shows when it did not go
 * through.
 */

/** A form as posted (urlencoded): strings, or lists of them for repeated names. */
export type Form = Record<string, unknown>;

/** What a refused form or button shows. */
export interface Refusal {
  /** The message above the form: the service's refusal, or the page's "please correct". */
  problem: string;
  /** The problems by field, shown beside the fields. */
  fields: Record<string, string>;
  /** The same problems as lines `field: reason`, for a button that has no fields of its own. */
  details: string[];
  /** The refusal's code, when a service refused. */
  code?: string;
  status: number;
  /** Seconds until a refused attempt may be made again (a 429): sent as `Retry-After`. */
  retryAfterSeconds?: number;
  /** What a 409 named as in the way (an agenda item, a meeting), for the page to point at. */
  conflict?: Record<string, unknown>;
}

/** What running a page's action came to: its value, or the refusal to show. */
export type Attempt<T> =
  { refused?: undefined; value: T } | { refused: Refusal; value?: undefined };

/** The text above a refused form when the page names none of its own. */
const REFUSED = 'form.refused';

@Injectable()
export class Forms {
  constructor(private readonly pages: PageRenderer) {}

  /**
   * Runs an action (a button, or a form already read): its value, or a service's refusal with a
   * coded client error as the page shows it. Errors of ours (5xx) go on to the error page.
   */
  async attempt<T>(request: FastifyRequest, action: () => Promise<T>): Promise<Attempt<T>> {
    try {
      return { value: await action() };
    } catch (error) {
      const known = toDomainError(error);
      if (!known || known.spec.status >= 500) throw error;
      const { locale } = this.pages.context(request);
      const conflict = error instanceof DomainError ? error.details.conflict : undefined;
      const retryAfter = error instanceof DomainError ? error.details.retryAfterSeconds : undefined;
      return {
        refused: {
          ...problemsOf(known.fields, locale),
          problem: known.spec.message[locale],
          code: known.code,
          status: known.spec.status,
          retryAfterSeconds: typeof retryAfter === 'number' ? retryAfter : undefined,
          conflict:
            conflict && typeof conflict === 'object'
              ? (conflict as Record<string, unknown>)
              : undefined,
        },
      };
    }
  }

  /**
   * Reads `input` with `dto` (as the API endpoint would) and runs the action with the value. A
   * refused input comes back with every problem by field (those of the DTO and `also`, what the
   * page knows the service would refuse next) and the text `refusedKey` above the form.
   */
  async submit<D extends object, T>(
    request: FastifyRequest,
    form: { dto: new () => D; input: unknown; refusedKey?: string; also?: FieldProblem[] },
    action: (value: D) => Promise<T>,
  ): Promise<Attempt<T>> {
    const read = await readForm(form.dto, form.input);
    const { value } = read;
    // What the page knows besides the DTO (a guest's name and contact) comes with the rest, at once.
    const also = (form.also ?? []).filter((p) => !read.problems.some((q) => q.field === p.field));
    if (value && also.length === 0) return this.attempt(request, () => action(value));
    const context = this.pages.context(request);
    return {
      refused: {
        ...problemsOf([...read.problems, ...also], context.locale),
        problem: this.pages.text(context, form.refusedKey ?? REFUSED),
        status: 400,
      },
    };
  }
}

/** The form's value as its DTO reads it, or the problems by field. */
export async function readForm<T extends object>(
  dto: new () => T,
  body: unknown,
): Promise<{ value: T; problems: [] } | { value: undefined; problems: FieldProblem[] }> {
  // An empty input is a field not given (the DTO's optional fields then pass as such).
  const given = Object.entries(typeof body === 'object' && body !== null ? body : {}).filter(
    ([, v]) => v !== '',
  );
  const value = plainToInstance(dto, Object.fromEntries(given));
  const errors = await validate(value, { whitelist: true, forbidUnknownValues: true });
  return errors.length === 0
    ? { value, problems: [] }
    : { value: undefined, problems: inputProblems(errors) };
}

function problemsOf(problems: FieldProblem[], locale: Locale): Pick<Refusal, 'fields' | 'details'> {
  return {
    // Beside a field its first problem: the one to put right first.
    fields: Object.fromEntries([...problems].reverse().map((p) => [p.field, p.message[locale]])),
    details: problems.map((p) => lineOf(p, locale)),
  };
}

/** A problem as a line, its field named as people call it: `活动名称：请填写活动名称`. */
function lineOf(p: FieldProblem, locale: Locale): string {
  return `${fieldName(p.field)[locale]}${locale === 'en' ? ': ' : '：'}${p.message[locale]}`;
}

/** A refused form of a page with several: what was typed, and the refusal. */
export type RefusedForm = Refusal & { form: Form };

/** The refused form of a page with several, under its name. */
export interface RefusedForms {
  refused: Record<string, RefusedForm>;
}

/**
 * A refused form on a page with several: under `refused.<form>` what was typed and the refusal, so
 * that only that form shows it.
 */
export function refusedOn(form: string, typed: Form, refusal: Refusal): RefusedForms {
  return { refused: { [form]: { form: typed, ...refusal } } };
}

/** A search form's problems as lines above the results: `field: message`. */
export function problemLines(problems: FieldProblem[], locale: Locale): { message: string }[] {
  return problems.map((p) => ({ message: lineOf(p, locale) }));
}

/** `?done=<what>` when it is one of the page's notices (else nothing: the query is the reader's to type). */
export function doneOf<K extends string>(done: unknown, known: readonly K[]): K | undefined {
  return known.find((k) => k === done);
}

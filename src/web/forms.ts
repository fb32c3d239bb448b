import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { FieldProblem } from 'src/common/errors/domain-error';
import { toFieldProblems } from 'src/common/errors/field-problems';

/**
 * A form checked by the same DTO class as the API endpoint it stands for: the DTO, or the problems
 * by field (so that the page shows them beside the fields and keeps what was typed).
 */
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
    : { value: undefined, problems: toFieldProblems(errors) };
}

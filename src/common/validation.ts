import { ValidationPipe } from '@nestjs/common';
import { CommonError } from 'src/common/errors/common.errors';
import { inputProblems } from 'src/common/errors/field-problems';

/** DTO validation for every endpoint: unknown fields are refused, and each bad field is named. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    // The value and the class name the problem in plain words (an empty field, the field's name);
    // neither is sent back. The target also says how its fields fit together (`FieldsFitTogether`),
    // so those problems come with the fields' own, not on the next attempt.
    validationError: { target: true, value: true },
    exceptionFactory: (errors) => CommonError.VALIDATION_FAILED({}, inputProblems(errors)),
  });
}

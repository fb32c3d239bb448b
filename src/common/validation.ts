import { ValidationPipe } from '@nestjs/common';
import { CommonError } from 'src/common/errors/common.errors';
import { toFieldProblems } from 'src/common/errors/field-problems';

/** DTO validation for every endpoint: unknown fields are refused, and each bad field is named. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => CommonError.VALIDATION_FAILED({}, toFieldProblems(errors)),
  });
}

import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ValidateBy } from 'class-validator';
import { PRIVACY_NOTICE_VERSION } from 'src/privacy/privacy-notice';

/**
 * A DTO field that must be `true`: the person accepts the privacy notice in force (a ticked form
 * checkbox, `on`, counts). Refused otherwise with the rule `acceptPrivacy`.
 */
export const AcceptPrivacy = (): PropertyDecorator =>
  applyDecorators(
    ApiProperty({
      enum: [true],
      description: `接受个人信息保护告知书 (版本 ${PRIVACY_NOTICE_VERSION}, /privacy) / accepts the privacy notice`,
    }),
    Transform(({ value }: { value: unknown }) =>
      value === 'on' || value === 'true' ? true : value,
    ),
    ValidateBy({
      name: 'acceptPrivacy',
      validator: {
        validate: (value: unknown) => value === true,
        defaultMessage: () => 'the privacy notice must be accepted (true)',
      },
    }),
  );

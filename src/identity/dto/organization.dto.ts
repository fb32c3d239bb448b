import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Length,
  MaxLength,
  ValidateBy,
} from 'class-validator';
import { SearchQueryDto, Trim } from 'src/common/dto';
import { isValidCreditCode } from 'src/identity/credit-code';
import { ORGANIZATION_KINDS, OrganizationKind } from 'src/identity/roles';

const IsCreditCode = (): PropertyDecorator =>
  ValidateBy({
    name: 'isCreditCode',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && isValidCreditCode(value),
      defaultMessage: () => '$property must be a valid unified social credit code',
    },
  });

export class CreateOrganizationDto {
  /** 机构名称, e.g. 四川大学. */
  @Trim()
  @IsString()
  @Length(1, 200)
  name!: string;

  @IsIn(ORGANIZATION_KINDS)
  kind!: OrganizationKind;

  /** 所在地区, e.g. 四川省成都市. */
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(100)
  region?: string;

  /** 行业领域, e.g. ["电子信息", "新材料"]. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 50, { each: true })
  industryFields?: string[];

  /** 统一社会信用代码 (18 characters). */
  @IsOptional()
  @Trim()
  @IsCreditCode()
  creditCode?: string;

  /** Your title in the organization (职务), e.g. 教授 or 技术总监. */
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(100)
  title?: string;
}

/** `q`: part of the name. */
export class OrganizationQueryDto extends SearchQueryDto {
  @IsOptional()
  @IsIn(ORGANIZATION_KINDS)
  kind?: OrganizationKind;
}

export class OrganizationDto {
  id!: string;
  kind!: OrganizationKind;
  name!: string;
  region!: string | null;
  industryFields!: string[];
  creditCode!: string | null;
  createdAt!: Date;
}

export class OrganizationPageDto {
  items!: OrganizationDto[];
  total!: number;
  limit!: number;
  offset!: number;
}

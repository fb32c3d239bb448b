import { Access } from 'src/access/access';
import { Injectable } from '@nestjs/common';
import { ClassConstructor } from 'class-transformer';
import { Confidentiality, CooperationMode, Patent, PatentStatus } from 'src/catalog/catalog-kinds';
import { CatalogError } from 'src/catalog/catalog.errors';
import { FieldProblem } from 'src/common/errors/domain-error';
import { checkRows, readTable, RowErrorDto } from 'src/common/rows';
import { Organization } from 'src/identity/organization.entity';
import { Membership } from 'src/identity/membership.entity';
import { AuthUser } from 'src/common/auth/auth-user';
import { Tx } from 'src/database/tx';

/** Headers of a results spreadsheet, in Chinese or English (lower-cased), and their fields. */
export const RESULT_HEADERS: Record<string, string> = {
  ...alias('title', ['title', '成果名称', '名称', '标题']),
  ...alias('summary', ['summary', '简介', '摘要', '成果简介']),
  ...alias('description', ['description', '详细介绍', '描述', '成果描述']),
  ...alias('fields', ['fields', '领域', '行业领域', '所属领域']),
  ...alias('keywords', ['keywords', '关键词']),
  ...alias('readinessLevel', ['readinesslevel', 'trl', '成熟度', '技术成熟度']),
  ...alias('patents', ['patents', '专利', '专利号']),
  ...alias('cooperationModes', ['cooperationmodes', '合作方式']),
  ...alias('askingPriceMinWan', [
    'askingpriceminwan',
    '价格下限（万元）',
    '价格下限(万元)',
    '挂牌价下限（万元）',
  ]),
  ...alias('askingPriceMaxWan', [
    'askingpricemaxwan',
    '价格上限（万元）',
    '价格上限(万元)',
    '挂牌价上限（万元）',
  ]),
  ...alias('institutionName', ['institution', 'institutionname', '单位', '所属单位', '完成单位']),
  ...alias('team', ['team', '团队', '团队成员']),
  ...alias('region', ['region', '地区', '所在地区']),
  ...alias('published', ['published', '发布', '是否发布']),
};

/** Headers of a needs spreadsheet. */
export const NEED_HEADERS: Record<string, string> = {
  ...alias('title', ['title', '需求名称', '名称', '标题']),
  ...alias('description', ['description', '需求描述', '描述']),
  ...alias('enterpriseName', ['enterprise', 'enterprisename', '企业', '企业名称', '需求单位']),
  ...alias('fields', ['fields', '领域', '行业领域', '所属领域']),
  ...alias('keywords', ['keywords', '关键词']),
  ...alias('budgetMinWan', ['budgetminwan', '预算下限（万元）', '预算下限(万元)']),
  ...alias('budgetMaxWan', ['budgetmaxwan', '预算上限（万元）', '预算上限(万元)']),
  ...alias('deadline', ['deadline', '截止日期']),
  ...alias('confidentiality', ['confidentiality', '保密', '保密级别', '公开方式']),
  ...alias('region', ['region', '地区', '所在地区']),
  ...alias('published', ['published', '发布', '是否发布']),
};

const COOPERATION_NAMES: Record<string, CooperationMode> = {
  转让: 'transfer',
  技术转让: 'transfer',
  许可: 'license',
  技术许可: 'license',
  合作开发: 'joint_development',
  联合开发: 'joint_development',
  作价入股: 'equity',
  技术入股: 'equity',
  技术服务: 'technical_service',
};

const PATENT_STATUS_NAMES: Record<string, PatentStatus> = {
  授权: 'granted',
  已授权: 'granted',
  申请: 'filed',
  受理: 'filed',
  实审: 'filed',
  公开: 'filed',
  失效: 'lapsed',
  终止: 'lapsed',
};

const CONFIDENTIALITY_NAMES: Record<string, Confidentiality> = {
  公开: 'public',
  仅匹配专家: 'matched_only',
  匹配可见: 'matched_only',
  仅组织者: 'organizers_only',
};

/** A results spreadsheet row in the shape of `CreateResultDto`. */
export function resultRow(data: Record<string, unknown>): Record<string, unknown> {
  const { askingPriceMinWan, askingPriceMaxWan, team, patents, cooperationModes, ...rest } = data;
  return compact({
    ...rest,
    fields: list(rest.fields),
    keywords: list(rest.keywords),
    readinessLevel: number(rest.readinessLevel),
    patents: list(patents)?.map(patent),
    cooperationModes: list(cooperationModes)?.map((m) => COOPERATION_NAMES[m] ?? m),
    askingPriceMinFen: fenOfWan(askingPriceMinWan),
    askingPriceMaxFen: fenOfWan(askingPriceMaxWan),
    team: list(team)?.map((name) => ({ name })),
    published: yesNo(rest.published),
  });
}

/** A needs spreadsheet row in the shape of `CreateNeedDto`. */
export function needRow(data: Record<string, unknown>): Record<string, unknown> {
  const { budgetMinWan, budgetMaxWan, confidentiality, ...rest } = data;
  return compact({
    ...rest,
    fields: list(rest.fields),
    keywords: list(rest.keywords),
    budgetMinFen: fenOfWan(budgetMinWan),
    budgetMaxFen: fenOfWan(budgetMaxWan),
    confidentiality:
      typeof confidentiality === 'string'
        ? (CONFIDENTIALITY_NAMES[confidentiality] ?? confidentiality)
        : undefined,
    published: yesNo(rest.published),
  });
}

/** Reading and checking uploaded catalog spreadsheets. */
@Injectable()
export class CatalogImport {
  constructor(
    private readonly tx: Tx,
    private readonly access: Access,
  ) {}

  /** Reads the file, turns rows into the DTO's shape and checks each one on its own. */
  async read<T extends object>(
    file: string | Buffer,
    headers: Record<string, string>,
    shape: (data: Record<string, unknown>) => Record<string, unknown>,
    dto: ClassConstructor<T>,
    rules: (value: T) => FieldProblem[],
  ): Promise<{ valid: { line: number; value: T }[]; errors: RowErrorDto[] }> {
    let rows;
    try {
      rows = await readTable(file, headers);
    } catch (error) {
      throw CatalogError.CATALOG_IMPORT_UNREADABLE({ reason: (error as Error).message });
    }
    return checkRows(
      dto,
      rows.map(({ line, data }) => ({ line, data: shape(data) })),
      rules,
    );
  }

  /**
   * An entry names an institution or enterprise only for someone who acts for it: one of its
   * members (admins may name any).
   */
  async assertActsFor(user: AuthUser, id: string | undefined, field: string): Promise<void> {
    if (!id) return;
    await this.assertOrganization(id, field);
    const member = await this.tx.manager.existsBy(Membership, {
      organizationId: id,
      userId: user.id,
    });
    const subject = { kind: 'organization' as const, organizationId: id, member };
    if ((await this.access.decide(user, 'act', subject)) !== 'allow')
      throw CatalogError.CATALOG_NOT_MEMBER({ id }).onField(field);
  }

  /** The organization an organizer's correction names exists. */
  async assertOrganization(id: string | undefined, field: string): Promise<void> {
    if (id && !(await this.tx.manager.existsBy(Organization, { id })))
      throw CatalogError.CATALOG_UNKNOWN_ORGANIZATION({ id }).onField(field);
  }
}

function alias(field: string, headers: string[]): Record<string, string> {
  return Object.fromEntries(headers.map((h) => [h, field]));
}

/** 电子信息；新材料、先进制造 → a list; a cell people separate with any of ; ， 、 |. */
function list(value: unknown): string[] | undefined {
  if (typeof value !== 'string') return undefined;
  return value
    .split(/[;；,，、|]/)
    .map((x) => x.trim())
    .filter((x) => x !== '');
}

function number(value: unknown): unknown {
  return typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value) ? Number(value) : value;
}

/** 万元 as people write them (12.5) → fen; what is not a number is left for the check to name. */
function fenOfWan(value: unknown): unknown {
  const n = number(value);
  return typeof n === 'number' ? Math.round(n * 1_000_000) : n;
}

function yesNo(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (['是', 'true', '1', 'yes', 'y'].includes(value.toLowerCase())) return true;
  if (['否', 'false', '0', 'no', 'n'].includes(value.toLowerCase())) return false;
  return value;
}

/** ZL202110000001.X 授权 → number and status (filed when no status is written). */
function patent(text: string): Patent {
  const [number, status] = text.split(/\s+/);
  return { number, status: PATENT_STATUS_NAMES[status] ?? (status as PatentStatus) ?? 'filed' };
}

function compact(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).filter(([, value]) => value !== undefined));
}

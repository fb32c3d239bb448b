import { atWallClock } from 'src/common/time';
import { DEAL_TYPES, DealType } from 'src/deals/follow-up';
import { EVENT_FORMATS, EVENT_KINDS, EventFormat, EventKind } from 'src/events/event-kinds';

/**
 * The rows of a past programme's back-fill, checked each on its own (a pure function: no database,
 * no clock). Rows name each other by a key of their own (an event's `key` is what a result, need,
 * roadshow, deal or view row gives as `event`), so a workbook and a JSON body read the same.
 */
export const BACKFILL_KINDS = [
  'events',
  'results',
  'needs',
  'roadshows',
  'deals',
  'checkIns',
  'views',
] as const;
export type BackfillKind = (typeof BACKFILL_KINDS)[number];

/** The sheet each kind is read from, as an organizer names it. */
export const SHEET_NAMES: Record<BackfillKind, string> = {
  events: '活动',
  results: '成果',
  needs: '需求',
  roadshows: '路演',
  deals: '签约',
  checkIns: '回访',
  views: '外部观看',
};

export type RawRows = Partial<Record<BackfillKind, Record<string, unknown>[]>>;

/** What is wrong with one row: its kind, its number (from 1) and the plain reason. */
export interface RowProblem {
  kind: BackfillKind;
  sheet: string;
  row: number;
  field: string;
  message: string;
}

export interface EventRow {
  key: string;
  title: string;
  kind: EventKind;
  format: EventFormat;
  startsAt: Date;
  endsAt: Date;
}
export interface ResultRow {
  key: string;
  event: string;
  title: string;
  institutionName: string;
  summary: string;
  readinessLevel: number;
  releasedAt: Date;
}
export interface NeedRow {
  key: string;
  event: string;
  title: string;
  enterpriseName: string;
  description: string;
  releasedAt: Date;
}
export interface RoadshowRow {
  event: string;
  result: string;
  abstract: string;
}
export interface DealRow {
  key: string;
  event: string;
  result: string | null;
  enterpriseName: string;
  institutionName: string;
  type: DealType;
  contractValueFen: number;
  signedOn: string;
  landed: boolean;
  atCeremony: boolean;
}
export interface CheckInRow {
  deal: string;
  months: 3 | 6 | 12;
  landed: boolean;
  receivedFen: number;
  outputValueFen: number;
}
export interface ViewRow {
  event: string;
  source: string;
  views: number;
}

export interface BackfillPlan {
  events: EventRow[];
  results: ResultRow[];
  needs: NeedRow[];
  roadshows: RoadshowRow[];
  deals: DealRow[];
  checkIns: CheckInRow[];
  views: ViewRow[];
}

/** At most this many rows of each kind in one back-fill. */
export const MAX_ROWS = 5000;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A cell or JSON value as text; nothing for an empty one or one that is not a single value. */
function scalar(raw: unknown): string | undefined {
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
  if (raw instanceof Date) return raw.toISOString();
  return undefined;
}

const OFFSET = /(Z|[+-]\d{2}:?\d{2})$/i;
const WALL_CLOCK = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}(?::\d{2})?))?$/;

function instantOf(raw: unknown, zone: string): Date {
  if (raw instanceof Date) return atWallClock(raw.toISOString().slice(0, 19), zone);
  const text = (scalar(raw) ?? '').trim();
  if (OFFSET.test(text)) return new Date(text);
  const wall = WALL_CLOCK.exec(text);
  if (!wall) return new Date(NaN);
  return atWallClock(`${wall[1]}T${wall[2] ?? '00:00'}`, zone);
}

/** Reads one row's fields, noting each problem once with its reason. */
class RowReader {
  constructor(
    private readonly row: Record<string, unknown>,
    private readonly problem: (field: string, message: string) => void,
    private readonly zone: string,
  ) {}

  fail(field: string, message: string): void {
    this.problem(field, message);
  }

  text(field: string, label: string, max: number, required = true): string {
    const raw = this.row[field];
    const value = (scalar(raw) ?? '').trim();
    if (required && value === '') this.problem(field, `缺少${label}`);
    else if (value.length > max) this.problem(field, `${label}不能超过 ${max} 个字`);
    return value;
  }

  oneOf<T extends string>(field: string, label: string, values: readonly T[], fallback?: T): T {
    const raw = this.row[field];
    if ((raw === undefined || raw === null || raw === '') && fallback) return fallback;
    if (!values.includes(raw as T)) this.problem(field, `${label}应为 ${values.join('、')} 之一`);
    return raw as T;
  }

  /** A whole number within [min, max]. */
  count(field: string, label: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
    const value = Number(this.row[field]);
    if (this.row[field] === '' || !Number.isInteger(value) || value < min || value > max) {
      this.problem(field, `${label}应为 ${min} 到 ${max} 之间的整数`);
    }
    return value;
  }

  /**
   * An instant: with its offset (`2021-03-10T14:00:00+08:00`), or a wall-clock time or day of the
   * zone (`2021-03-10 14:00`, a workbook's date cell).
   */
  instant(field: string, label: string): Date {
    const at = instantOf(this.row[field], this.zone);
    if (Number.isNaN(at.getTime())) this.problem(field, `${label}不是有效的日期时间`);
    return at;
  }

  day(field: string, label: string): string {
    const raw = this.row[field];
    const value = raw instanceof Date ? raw.toISOString().slice(0, 10) : (scalar(raw) ?? '');
    if (!DAY.test(value) || Number.isNaN(new Date(value).getTime())) {
      this.problem(field, `${label}应为日期，如 2021-06-30`);
    }
    return value;
  }

  /** A check-in's milestone: 3, 6 or 12 months after the signing. */
  months(): 3 | 6 | 12 {
    const value = Number(this.row.months);
    if (value !== 3 && value !== 6 && value !== 12)
      this.problem('months', '回访月数应为 3、6 或 12');
    return value as 3 | 6 | 12;
  }

  flag(field: string): boolean {
    const raw = this.row[field];
    return raw === true || raw === 'true' || raw === '是' || raw === 1;
  }
}

/** How rows are read: the zone of times given without offset, and each row's line in its sheet. */
export interface ReadingOptions {
  zone: string;
  /** By kind, the line of each row (a workbook's header is line 1); else rows count from 1. */
  lines?: Partial<Record<BackfillKind, number[]>>;
}

/**
 * Checks every row of every kind and returns the plan, or the problems (all of them, by kind and
 * row) when any row is wrong. `now` bounds the dates: a back-fill enters the past only.
 */
export function checkBackfill(
  raw: RawRows,
  now: Date,
  { zone, lines = {} }: ReadingOptions,
): { plan: BackfillPlan; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const keys = { events: new Set<string>(), results: new Set<string>(), deals: new Set<string>() };
  const each = <T>(kind: BackfillKind, read: (r: RowReader) => T): T[] => {
    const rows = raw[kind] ?? [];
    if (rows.length > MAX_ROWS) {
      const sheet = SHEET_NAMES[kind];
      problems.push({ kind, sheet, row: 0, field: '', message: `最多 ${MAX_ROWS} 行` });
      return [];
    }
    return rows.map((row, i) => {
      const line = lines[kind]?.[i] ?? i + 1;
      const problem = (field: string, message: string) =>
        problems.push({ kind, sheet: SHEET_NAMES[kind], row: line, field, message });
      const safe = row !== null && typeof row === 'object' ? row : {};
      return read(new RowReader(safe, problem, zone));
    });
  };
  const key = (r: RowReader, set: Set<string>, label: string) => {
    const value = r.text('key', label, 50);
    if (value && set.has(value)) r.fail('key', `${label} ${value} 重复`);
    set.add(value);
    return value;
  };
  const ref = (r: RowReader, field: string, set: Set<string>, label: string, required = true) => {
    const value = r.text(field, label, 50, required);
    if (value && !set.has(value)) r.fail(field, `${label} ${value} 未在前面的表中出现`);
    return value;
  };
  const past = (r: RowReader, field: string, label: string, at: Date) => {
    if (at.getTime() > now.getTime()) r.fail(field, `${label}不能晚于今天（只补录过去的）`);
    return at;
  };

  const events = each('events', (r) => {
    const row: EventRow = {
      key: key(r, keys.events, '活动编号'),
      title: r.text('title', '活动名称', 200),
      kind: r.oneOf('kind', '活动类型', EVENT_KINDS),
      format: r.oneOf('format', '举办形式', EVENT_FORMATS, 'offline'),
      startsAt: r.instant('startsAt', '开始时间'),
      endsAt: r.instant('endsAt', '结束时间'),
    };
    if (row.endsAt.getTime() <= row.startsAt.getTime()) r.fail('endsAt', '结束时间应晚于开始时间');
    past(r, 'endsAt', '结束时间', row.endsAt);
    return row;
  });
  const results = each('results', (r) => ({
    key: key(r, keys.results, '成果编号'),
    event: ref(r, 'event', keys.events, '活动编号'),
    title: r.text('title', '成果名称', 200),
    institutionName: r.text('institutionName', '所属高校院所', 200),
    summary: r.text('summary', '摘要', 500, false),
    readinessLevel: r.count('readinessLevel', '成熟度', 1, 9),
    releasedAt: past(r, 'releasedAt', '发布时间', r.instant('releasedAt', '发布时间')),
  }));
  const needs = each('needs', (r) => ({
    key: r.text('key', '需求编号', 50, false),
    event: ref(r, 'event', keys.events, '活动编号'),
    title: r.text('title', '需求名称', 200),
    enterpriseName: r.text('enterpriseName', '企业名称', 200),
    description: r.text('description', '需求描述', 5000, false),
    releasedAt: past(r, 'releasedAt', '征集时间', r.instant('releasedAt', '征集时间')),
  }));
  const roadshows = each('roadshows', (r) => ({
    event: ref(r, 'event', keys.events, '活动编号'),
    result: ref(r, 'result', keys.results, '成果编号'),
    abstract: r.text('abstract', '路演简介', 5000, false),
  }));
  const deals = each('deals', (r) => {
    const row: DealRow = {
      key: key(r, keys.deals, '签约编号'),
      event: ref(r, 'event', keys.events, '活动编号'),
      result: ref(r, 'result', keys.results, '成果编号', false) || null,
      enterpriseName: r.text('enterpriseName', '企业名称', 200),
      institutionName: r.text('institutionName', '高校院所', 200),
      type: r.oneOf('type', '签约类型', DEAL_TYPES),
      contractValueFen: r.count('contractValueFen', '合同金额（分）', 0),
      signedOn: r.day('signedOn', '签约日期'),
      landed: r.flag('landed'),
      atCeremony: r.flag('atCeremony'),
    };
    if (DAY.test(row.signedOn)) past(r, 'signedOn', '签约日期', new Date(row.signedOn));
    return row;
  });
  const checkIns = each('checkIns', (r) => ({
    deal: ref(r, 'deal', keys.deals, '签约编号'),
    months: r.months(),
    landed: r.flag('landed'),
    receivedFen: r.count('receivedFen', '到账金额（分）', 0),
    outputValueFen: r.count('outputValueFen', '产值（分）', 0),
  }));
  const views = each('views', (r) => ({
    event: ref(r, 'event', keys.events, '活动编号'),
    source: r.text('source', '观看渠道', 100),
    views: r.count('views', '观看人次', 0, 2_000_000_000),
  }));
  return {
    plan: { events, results, needs, roadshows, deals, checkIns, views },
    problems,
  };
}

import ExcelJS from 'exceljs';
import { BACKFILL_KINDS, BackfillKind, RawRows, SHEET_NAMES } from 'src/backfill/backfill-rows';
import { FEN_PER_WAN } from 'src/common/money';

/** Each sheet's columns: the field and its Chinese header, in the template's order. */
export const COLUMNS: Record<BackfillKind, [string, string][]> = {
  events: [
    ['key', '活动编号'],
    ['title', '活动名称'],
    ['kind', '活动类型'],
    ['format', '举办形式'],
    ['startsAt', '开始时间'],
    ['endsAt', '结束时间'],
  ],
  results: [
    ['key', '成果编号'],
    ['event', '活动编号'],
    ['title', '成果名称'],
    ['institutionName', '所属高校院所'],
    ['summary', '摘要'],
    ['readinessLevel', '成熟度'],
    ['releasedAt', '发布时间'],
  ],
  needs: [
    ['key', '需求编号'],
    ['event', '活动编号'],
    ['title', '需求名称'],
    ['enterpriseName', '企业名称'],
    ['description', '需求描述'],
    ['releasedAt', '征集时间'],
  ],
  roadshows: [
    ['event', '活动编号'],
    ['result', '成果编号'],
    ['abstract', '路演简介'],
  ],
  deals: [
    ['key', '签约编号'],
    ['event', '活动编号'],
    ['result', '成果编号'],
    ['enterpriseName', '企业名称'],
    ['institutionName', '高校院所'],
    ['type', '签约类型'],
    ['contractValueFen', '合同金额（万元）'],
    ['signedOn', '签约日期'],
    ['landed', '已落地'],
    ['atCeremony', '现场签约'],
  ],
  checkIns: [
    ['deal', '签约编号'],
    ['months', '回访月数'],
    ['landed', '已落地'],
    ['receivedFen', '到账金额（万元）'],
    ['outputValueFen', '产值（万元）'],
  ],
  views: [
    ['event', '活动编号'],
    ['source', '观看渠道'],
    ['views', '观看人次'],
  ],
};

const NOTES = [
  '每张表一行一条记录；第一行是表头，请勿修改。不需要的表留空即可。',
  '编号由您自定（如 E1、R1、D1），成果、需求、路演、签约、外部观看用「活动编号」指明所属活动，回访用「签约编号」。',
  '时间写作 2021-03-10 14:00（北京时间）；日期写作 2021-03-10；金额以万元填写（如 120 即 120 万元，可带小数）。',
  '活动类型：roadshow 成果路演、salon 对接沙龙、cloud_docking 云对接、precise_docking 精准对接、campus_visit 企业家进校园、park_visit 科学家进园区、challenge 揭榜挂帅。',
  '举办形式：offline 线下、online 线上、hybrid 线上线下；签约类型：transfer 技术转让、license 技术许可、joint_development 合作开发、platform 平台共建、equity 作价入股、technical_service 技术服务。',
  '「已落地」「现场签约」填「是」或留空；回访月数为 3、6 或 12。补录的活动直接记为已结束，不会给任何人发送消息；整次补录可以撤销。',
];

/** The template: a sheet per kind with its Chinese headers, and a sheet of notes. */
export async function templateWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const notes = workbook.addWorksheet('说明');
  notes.getColumn(1).width = 120;
  for (const line of NOTES) notes.addRow([line]);
  for (const kind of BACKFILL_KINDS) {
    const sheet = workbook.addWorksheet(SHEET_NAMES[kind]);
    sheet.addRow(COLUMNS[kind].map(([, header]) => header));
    sheet.getRow(1).font = { bold: true };
    COLUMNS[kind].forEach((_, i) => (sheet.getColumn(i + 1).width = 20));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** An amount typed in 万元 (a number, or text as people write it) as fen; anything else as it is, for the check to name. */
function wanAsFen(value: unknown): unknown {
  const text = typeof value === 'string' ? value.trim().replace(/[,，]/g, '') : '';
  if (typeof value === 'number') return Math.round(value * FEN_PER_WAN);
  return /^\d+(\.\d{1,6})?$/.test(text) ? Math.round(Number(text) * FEN_PER_WAN) : value;
}

/** A cell's value as the row check reads it: text, a number, a date, or nothing. */
function cellValue(value: ExcelJS.CellValue): unknown {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Date || typeof value !== 'object') return value;
  if ('result' in value) return cellValue(value.result);
  if ('richText' in value) return value.richText.map((t) => t.text).join('');
  if ('text' in value) return value.text;
  return undefined;
}

/**
 * Every sheet named for a kind, read by its headers (Chinese, or the field names), empty rows left
 * out, with each row's line; other sheets (the notes) are ignored.
 */
export async function readWorkbook(
  content: Buffer,
): Promise<{ rows: RawRows; lines: Partial<Record<BackfillKind, number[]>> }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(content);
  const rows: RawRows = {};
  const lines: Partial<Record<BackfillKind, number[]>> = {};
  for (const kind of BACKFILL_KINDS) {
    const sheet = workbook.getWorksheet(SHEET_NAMES[kind]);
    if (!sheet) continue;
    const fields = new Map(
      COLUMNS[kind].flatMap(([field, header]) => [
        [header, field],
        [field.toLowerCase(), field],
      ]),
    );
    const header = sheet.getRow(1);
    const columns = new Map<number, string>();
    // Amounts under their Chinese header are typed in 万元, as everywhere people type money; under
    // the field's own name (as the JSON request takes them), in fen.
    const inWan = new Set<number>();
    header.eachCell((cell, column) => {
      const value = cellValue(cell.value);
      const text = typeof value === 'string' ? value.trim() : '';
      columns.set(column, fields.get(text) ?? fields.get(text.toLowerCase()) ?? text);
      if (text.endsWith('（万元）')) inWan.add(column);
    });
    rows[kind] = [];
    lines[kind] = [];
    sheet.eachRow((row, line) => {
      if (line === 1) return;
      const data: Record<string, unknown> = {};
      row.eachCell((cell, column) => {
        const value = cellValue(cell.value);
        const field = columns.get(column);
        if (field && value !== undefined && value !== '')
          data[field] = inWan.has(column) ? wanAsFen(value) : value;
      });
      if (Object.keys(data).length === 0) return;
      rows[kind]!.push(data);
      lines[kind]!.push(line);
    });
  }
  return { rows, lines };
}

import ExcelJS from 'exceljs';

/**
 * A spreadsheet template a list is imported from: the columns under the Chinese headers the import
 * reads, one example row that imports as it is, and a second sheet naming, for each column, whether
 * it is needed and the values it takes (Chinese, then English).
 */
export interface SheetTemplate {
  /** The file's name, without `.xlsx`: `邀请名单模板`. */
  fileName: string;
  columns: TemplateColumn[];
}

export interface TemplateColumn {
  /** The header the import reads (one of the kind's headers). */
  header: string;
  /** The column in English, for the notes. */
  en: string;
  required: boolean;
  example: string;
  /** What the column takes, Chinese then English: `企业、高校 … / industry, academia …`. */
  takes?: string;
  /** The values a cell may choose from, offered as a drop-down list. */
  choices?: string[];
}

const NOTES = ['列 / Column', '必填 / Required', '可填写的值 / What it takes', 'English'];
/** The rows a column's drop-down reaches. */
const CHOICE_ROWS = 5000;

/** The sheet's data validations by range (exceljs has them, its typings do not). */
function validations(sheet: ExcelJS.Worksheet): {
  add(range: string, validation: ExcelJS.DataValidation): void;
} {
  return (sheet as unknown as { dataValidations: ReturnType<typeof validations> }).dataValidations;
}

/** The template as an XLSX workbook's bytes. */
export async function templateWorkbook(template: SheetTemplate): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('导入 Import');
  sheet.addRow(template.columns.map((c) => c.header)).font = { bold: true };
  sheet.addRow(template.columns.map((c) => c.example));
  template.columns.forEach((column, n) => {
    sheet.getColumn(n + 1).width = Math.max(
      12,
      column.header.length * 2 + 4,
      column.example.length + 2,
    );
    if (!column.choices) return;
    // A drop-down of the choices down the column (as one range: no row is made by it); other text
    // is still read.
    const letter = sheet.getColumn(n + 1).letter;
    validations(sheet).add(`${letter}2:${letter}${CHOICE_ROWS}`, {
      type: 'list',
      allowBlank: !column.required,
      formulae: [`"${column.choices.join(',')}"`],
      showErrorMessage: false,
    });
  });
  const notes = book.addWorksheet('说明 Notes');
  notes.addRow(NOTES).font = { bold: true };
  for (const c of template.columns)
    notes.addRow([c.header, c.required ? '是 / yes' : '否 / no', c.takes ?? '', c.en]);
  notes.getColumn(1).width = 20;
  notes.getColumn(3).width = 70;
  notes.getColumn(4).width = 28;
  return Buffer.from(await book.xlsx.writeBuffer());
}

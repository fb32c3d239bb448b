import { TableFile } from 'src/common/rows';
import { tableFileOf } from 'src/imports/upload-body';
import { NeedDto } from 'src/catalog/dto/need.dto';
import { ResultDto } from 'src/catalog/dto/result.dto';
import { checkedOf, fenOf, listOf } from 'src/web/form-values';
import { FEN_PER_WAN } from 'src/common/money';
import { Form } from 'src/web/forms';

function wanOf(fen: number | null): string {
  return fen === null ? '' : String(fen / FEN_PER_WAN);
}

const numberOf = (value: unknown) =>
  typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;

/** The result form as the API's CreateResultDto / UpdateResultDto sees it. */
export function resultInput(form: Form): Form {
  return {
    title: form.title,
    summary: form.summary,
    description: form.description,
    fields: listOf(form.fields),
    keywords: listOf(form.keywords),
    readinessLevel: numberOf(form.readinessLevel),
    cooperationModes: checkedOf(form.cooperationModes),
    askingPriceMinFen: fenOf(form.askingPriceMinWan, 'wan'),
    askingPriceMaxFen: fenOf(form.askingPriceMaxWan, 'wan'),
    institutionName: form.institutionName,
    region: form.region,
    published: form.published === 'on' ? true : undefined,
  };
}

/** A result as its form shows it. */
export function resultForm(result: ResultDto): Form {
  return {
    ...result,
    fields: result.fields.join('、'),
    keywords: result.keywords.join('、'),
    readinessLevel: String(result.readinessLevel),
    askingPriceMinWan: wanOf(result.askingPriceMinFen),
    askingPriceMaxWan: wanOf(result.askingPriceMaxFen),
    region: result.region ?? '',
  };
}

/** The need form as the API's CreateNeedDto / UpdateNeedDto sees it. */
export function needInput(form: Form): Form {
  return {
    title: form.title,
    description: form.description,
    fields: listOf(form.fields),
    keywords: listOf(form.keywords),
    budgetMinFen: fenOf(form.budgetMinWan, 'wan'),
    budgetMaxFen: fenOf(form.budgetMaxWan, 'wan'),
    deadline: form.deadline,
    confidentiality: form.confidentiality,
    enterpriseName: form.enterpriseName,
    region: form.region,
    published: form.published === 'on' ? true : undefined,
  };
}

export function needForm(need: NeedDto): Form {
  return {
    ...need,
    fields: need.fields.join('、'),
    keywords: (need.keywords ?? []).join('、'),
    budgetMinWan: wanOf(need.budgetMinFen),
    budgetMaxWan: wanOf(need.budgetMaxFen),
    deadline: need.deadline ?? '',
    region: need.region ?? '',
  };
}

/** Field problems of the amounts in fen, shown beside the boxes in 万元. */
export function wanFields(fields: Record<string, string>): Record<string, string> {
  const shown: Record<string, string> = { ...fields };
  for (const [fen, wan] of [
    ['askingPriceMinFen', 'askingPriceMinWan'],
    ['askingPriceMaxFen', 'askingPriceMaxWan'],
    ['budgetMinFen', 'budgetMinWan'],
    ['budgetMaxFen', 'budgetMaxWan'],
  ]) {
    if (fields[fen]) shown[wan] = fields[fen];
  }
  return shown;
}

/**
 * The spreadsheet of an import: the file itself (sent as CSV or XLSX by the page's script), or the
 * CSV text pasted into the form (without the script).
 */
export function uploadedSheet(body: unknown, mediaType: string | undefined): TableFile {
  const pasted = (body as Form | undefined)?.csv;
  return typeof pasted === 'string' ? { content: pasted } : tableFileOf(body, mediaType);
}

import { randomUUID } from 'node:crypto';
import { ClassConstructor } from 'class-transformer';
import { needRow, resultRow } from 'src/catalog/catalog-import';
import { IndexedTable, searchWords } from 'src/catalog/catalog-index';
import { rangeProblems } from 'src/catalog/catalog-rules';
import { CreateNeedDto } from 'src/catalog/dto/need.dto';
import { CreateResultDto } from 'src/catalog/dto/result.dto';
import { FieldProblem } from 'src/common/errors/domain-error';
import { EventLoopTurns } from 'src/common/event-loop-turns';
import { CheckedRows, checkRows, contentOf, Row } from 'src/common/rows';

/**
 * The pure part of checking imported results and needs, run on the import thread: each row shaped
 * as the create endpoint's DTO, checked on its own (fields, then across fields), and given an id
 * and its search words (cut here: PostgreSQL cannot cut Chinese). Whether an organization a row
 * names is one the uploader acts for needs the database and is checked after.
 */

export const priceProblems = (r: {
  askingPriceMinFen?: number | null;
  askingPriceMaxFen?: number | null;
}) => rangeProblems(r.askingPriceMinFen, r.askingPriceMaxFen, 'askingPriceMaxFen');

export const budgetProblems = (n: { budgetMinFen?: number | null; budgetMaxFen?: number | null }) =>
  rangeProblems(n.budgetMinFen, n.budgetMaxFen, 'budgetMaxFen');

/** A checked row, ready for its insert. */
export type Indexed<T> = T & { id: string; words: string };

export function checkResultRows(rows: Row[]): Promise<CheckedRows<Indexed<CreateResultDto>>> {
  return checkCatalogRows(rows, resultRow, CreateResultDto, priceProblems, 'research_result');
}

export function checkNeedRows(rows: Row[]): Promise<CheckedRows<Indexed<CreateNeedDto>>> {
  return checkCatalogRows(rows, needRow, CreateNeedDto, budgetProblems, 'technical_need');
}

async function checkCatalogRows<T extends { description?: string; keywords?: string[] }>(
  rows: Row[],
  shape: (data: Record<string, unknown>) => Record<string, unknown>,
  dto: ClassConstructor<T>,
  rules: (value: T) => FieldProblem[],
  table: IndexedTable,
): Promise<CheckedRows<Indexed<T>>> {
  // On its own thread: nothing else waits for this loop, so it never hands the loop back.
  const turns = new EventLoopTurns(Infinity);
  const shaped = rows.map(({ line, data, content }) => ({
    line,
    data: shape(data),
    content: content ?? contentOf(data),
  }));
  const { valid, errors } = await checkRows(dto, shaped, rules, turns);
  return {
    valid: valid.map(({ line, value }) => ({
      line,
      value: {
        ...value,
        id: randomUUID(),
        words: searchWords(table, {
          ...value,
          description: value.description ?? '',
          keywords: value.keywords ?? [],
        }),
      },
    })),
    errors,
  };
}

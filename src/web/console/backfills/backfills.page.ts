import { BACKFILL_KINDS, RowProblem, SHEET_NAMES } from 'src/backfill/backfill-rows';
import { COLUMNS } from 'src/backfill/backfill-workbook';
import { BackfillDto } from 'src/backfill/dto/backfill.dto';
import { DomainError } from 'src/common/errors/domain-error';
import { Refusal } from 'src/web/forms';

/**
 * What the back-fill page shows (补录往年项目), from the services' DTOs: pure. The workbook's
 * template and upload for the organization in view, what a refused workbook got wrong by sheet and
 * line (the column named as its header), and the organization's back-fills, each with its undo.
 */

export const BACKFILL_NOTICES = ['imported', 'undone'] as const;

export interface BackfillRow {
  id: string;
  createdAt: Date;
  /** What it entered, as "活动 6 · 成果 40 …" (kinds with rows only). */
  counts: string;
  undoneAt: Date | null;
  refused?: Refusal;
}

export interface ProblemSheet {
  sheet: string;
  rows: { row: number; column: string; message: string }[];
}

export interface BackfillsPage {
  title: string;
  /** The organization uploads go to (the switcher's, or the first the reader manages). */
  organization?: { id: string; name: string };
  backfills: BackfillRow[];
  problems?: ProblemSheet[];
  refusal?: Refusal;
  done?: string;
  scripts: string[];
}

/** The rows a refused back-fill named, when that is what refused it. */
export function rowProblemsOf(error: unknown): RowProblem[] | undefined {
  if (!(error instanceof DomainError) || error.code !== 'BACKFILL_ROWS_INVALID') return undefined;
  return error.details.problems as RowProblem[];
}

/** A problem's column as the sheet's header names it (the field itself where none does). */
function columnOf(problem: RowProblem): string {
  return COLUMNS[problem.kind]?.find(([field]) => field === problem.field)?.[1] ?? problem.field;
}

/** The problems by sheet, in the workbook's order, each sheet's rows in order. */
export function problemSheets(problems: RowProblem[]): ProblemSheet[] {
  return BACKFILL_KINDS.map((kind) => ({
    sheet: SHEET_NAMES[kind],
    rows: problems
      .filter((p) => p.kind === kind)
      .sort((a, b) => a.row - b.row)
      .map((p) => ({ row: p.row, column: columnOf(p), message: p.message })),
  })).filter((s) => s.rows.length > 0);
}

export function backfillsPage(
  title: string,
  organization: { id: string; name: string } | undefined,
  backfills: BackfillDto[],
  state: { done?: string; problems?: RowProblem[]; refusal?: Refusal; refusedId?: string },
): BackfillsPage {
  return {
    title,
    organization,
    backfills: backfills.map((b) => ({
      id: b.id,
      createdAt: b.createdAt,
      counts: BACKFILL_KINDS.filter((k) => (b.counts[k] ?? 0) > 0)
        .map((k) => `${SHEET_NAMES[k]} ${b.counts[k]}`)
        .join(' · '),
      undoneAt: b.undoneAt,
      ...(state.refusedId === b.id && state.refusal && { refused: state.refusal }),
    })),
    ...(state.problems && { problems: problemSheets(state.problems) }),
    ...(state.refusal && !state.refusedId && { refusal: state.refusal }),
    done: state.done,
    scripts: ['console-upload'],
  };
}

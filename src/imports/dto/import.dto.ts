import { RowErrorDto } from 'src/common/rows';
import { ImportStatus } from 'src/imports/import-status';

/** A job's failure, in the reader's language. */
export class ImportFailureDto {
  code!: string;
  message!: string;
}

/**
 * An import and how far it got: `status` queued → running → done (or failed); `percent` of its
 * rows checked; the rows written (`imported`), found there already (`skipped`, invitations) and
 * refused (`errorTotal`), with the problems of the first refused rows (`errors`, capped; see
 * IMPORT_MAX_ERRORS).
 */
export class ImportDto {
  id!: string;
  /** `results`, `needs` or `invitations`. */
  kind!: string;
  status!: ImportStatus;
  /** Rows in the file (its header not counted). */
  total!: number;
  processed!: number;
  percent!: number;
  imported!: number;
  skipped!: number;
  errorTotal!: number;
  /** The first refused rows' problems, by line and field; `errorTotal` counts them all. */
  errors!: RowErrorDto[];
  /** Whether `errors` shows fewer problems than `errorTotal` counts. */
  errorsCapped!: boolean;
  failure!: ImportFailureDto | null;
  /** Where to follow it: `GET /api/imports/{id}`. */
  location!: string;
  createdAt!: Date;
  startedAt!: Date | null;
  finishedAt!: Date | null;
}

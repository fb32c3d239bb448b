import { RowErrorDto } from 'src/common/rows';

/** What an import of rows (CSV or XLSX) did: how many rows it took, and each refused row's problems. */
export class ImportResultDto {
  imported!: number;
  errors!: RowErrorDto[];
}

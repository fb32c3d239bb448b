import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import {
  NEED_HEADERS,
  NEED_TEMPLATE,
  RESULT_HEADERS,
  RESULT_TEMPLATE,
} from 'src/catalog/catalog-import';
import { Indexed } from 'src/catalog/catalog-rows';
import { wordsOf } from 'src/catalog/words';
import { CreateNeedDto } from 'src/catalog/dto/need.dto';
import { CreateResultDto } from 'src/catalog/dto/result.dto';
import { OrganizationRights } from 'src/catalog/organization-rights';
import { Programme, Releases } from 'src/catalog/releases';
import { CheckedRows } from 'src/common/rows';
import { threadFunction } from 'src/common/thread-calls';
import { Tx } from 'src/database/tx';
import { BatchOutcome, ImportRun, Imports } from 'src/imports/imports';

/** The import kinds of the catalog. */
export const RESULTS_IMPORT = 'results';
export const NEEDS_IMPORT = 'needs';

/**
 * Writes a batch of imported results or needs: the rows come checked as the API's create endpoints
 * check them, with their search words (`catalog-rows.ts`, on the import thread); here the
 * organizations they name are checked, the rows inserted in one statement and, for an import into
 * a programme, released there in one more. The uploader owns them.
 */
@Injectable()
export class CatalogBatches implements OnApplicationBootstrap {
  constructor(
    private readonly tx: Tx,
    private readonly rights: OrganizationRights,
    private readonly releases: Releases,
    imports: Imports,
  ) {
    imports.register(RESULTS_IMPORT, {
      headers: RESULT_HEADERS,
      template: RESULT_TEMPLATE,
      check: threadFunction(__dirname, 'catalog-rows', 'checkResultRows'),
      write: (checked, run) => this.results(checked as CheckedRows<Indexed<CreateResultDto>>, run),
    });
    imports.register(NEEDS_IMPORT, {
      headers: NEED_HEADERS,
      template: NEED_TEMPLATE,
      check: threadFunction(__dirname, 'catalog-rows', 'checkNeedRows'),
      write: (checked, run) => this.needs(checked as CheckedRows<Indexed<CreateNeedDto>>, run),
    });
  }

  /**
   * Loads jieba's dictionary at start (most of a second, all at once): otherwise the first batch
   * of the first import would hold the event loop that long.
   */
  onApplicationBootstrap(): void {
    wordsOf('预热');
  }

  private async results(
    checked: CheckedRows<Indexed<CreateResultDto>>,
    run: ImportRun,
  ): Promise<BatchOutcome> {
    const { valid: records, errors } = await this.rights.keepActingFor(
      checked,
      run,
      'institutionId',
    );
    await this.tx.query(
      `INSERT INTO research_result
         (id, owner_id, institution_id, institution_name, title, summary, description, fields,
          keywords, readiness_level, patents, cooperation_modes, asking_price_min_fen,
          asking_price_max_fen, team, attachments, region, published, published_at, search_vector)
       SELECT r.id, $2, r."institutionId", r."institutionName", r.title, r.summary,
              COALESCE(r.description, ''), COALESCE(r.fields, '{}'), COALESCE(r.keywords, '{}'),
              r."readinessLevel", COALESCE(r.patents, '[]'), COALESCE(r."cooperationModes", '{}'),
              r."askingPriceMinFen", r."askingPriceMaxFen", COALESCE(r.team, '[]'),
              COALESCE(r.attachments, '[]'), r.region, COALESCE(r.published, false),
              CASE WHEN r.published THEN now() END, to_tsvector('simple', r.words)
         FROM jsonb_to_recordset($1::jsonb) AS r(
              id uuid, "institutionId" uuid, "institutionName" text, title text, summary text,
              description text, fields text[], keywords text[], "readinessLevel" smallint,
              patents jsonb, "cooperationModes" text[], "askingPriceMinFen" bigint,
              "askingPriceMaxFen" bigint, team jsonb, attachments jsonb, region text,
              published boolean, words text)`,
      [JSON.stringify(records), run.actor.id],
    );
    await this.release('result', records, run);
    return { imported: records.length, skipped: 0, errors };
  }

  private async needs(
    checked: CheckedRows<Indexed<CreateNeedDto>>,
    run: ImportRun,
  ): Promise<BatchOutcome> {
    const { valid: records, errors } = await this.rights.keepActingFor(
      checked,
      run,
      'enterpriseId',
    );
    await this.tx.query(
      `INSERT INTO technical_need
         (id, owner_id, enterprise_id, enterprise_name, title, description, fields, keywords,
          budget_min_fen, budget_max_fen, deadline, confidentiality, region, published,
          published_at, search_vector)
       SELECT r.id, $2, r."enterpriseId", r."enterpriseName", r.title, r.description,
              COALESCE(r.fields, '{}'), COALESCE(r.keywords, '{}'), r."budgetMinFen",
              r."budgetMaxFen", r.deadline, COALESCE(r.confidentiality, 'public'), r.region,
              COALESCE(r.published, false), CASE WHEN r.published THEN now() END,
              to_tsvector('simple', r.words)
         FROM jsonb_to_recordset($1::jsonb) AS r(
              id uuid, "enterpriseId" uuid, "enterpriseName" text, title text, description text,
              fields text[], keywords text[], "budgetMinFen" bigint, "budgetMaxFen" bigint,
              deadline date, confidentiality text, region text, published boolean, words text)`,
      [JSON.stringify(records), run.actor.id],
    );
    await this.release('need', records, run);
    return { imported: records.length, skipped: 0, errors };
  }

  /** An import into a programme brings each written item there (`imported`). */
  private async release(
    kind: 'result' | 'need',
    records: { id: string }[],
    run: ImportRun,
  ): Promise<void> {
    const programme = run.target.programme as Programme | null | undefined;
    if (!programme) return;
    const ids = records.map((r) => r.id);
    await this.releases.recordMany(kind, ids, programme, 'imported', run.actor.id);
  }
}

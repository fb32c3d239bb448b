import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Back-fills of past programmes: each one's record, and on every row it makes (events, results,
 * needs, releases, roadshows, deals, check-ins, outside views) its id, so it is undone as a whole.
 */
export class AddBackfills1796589393283 implements MigrationInterface {
  name = 'AddBackfills1796589393283';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "backfill" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "organization_id" uuid NOT NULL,
                "counts" jsonb NOT NULL,
                "created_by" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "undone_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_8e2051edca8f10cbe6a16ea291c" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_backfill_organization" ON "backfill" ("organization_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "research_result"
            ADD "backfill_id" uuid
        `);
    await queryRunner.query(`
            ALTER TABLE "event"
            ADD "backfill_id" uuid
        `);
    await queryRunner.query(`
            ALTER TABLE "technical_need"
            ADD "backfill_id" uuid
        `);
    await queryRunner.query(`
            ALTER TABLE "catalog_release"
            ADD "backfill_id" uuid
        `);
    await queryRunner.query(`
            ALTER TABLE "deal"
            ADD "backfill_id" uuid
        `);
    await queryRunner.query(`
            ALTER TABLE "deal_check_in"
            ADD "backfill_id" uuid
        `);
    await queryRunner.query(`
            ALTER TABLE "external_views"
            ADD "backfill_id" uuid
        `);
    await queryRunner.query(`
            ALTER TABLE "roadshow"
            ADD "backfill_id" uuid
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_research_result_backfill" ON "research_result" ("backfill_id")
            WHERE backfill_id IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_event_backfill" ON "event" ("backfill_id")
            WHERE backfill_id IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_technical_need_backfill" ON "technical_need" ("backfill_id")
            WHERE backfill_id IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_catalog_release_backfill" ON "catalog_release" ("backfill_id")
            WHERE backfill_id IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_deal_backfill" ON "deal" ("backfill_id")
            WHERE backfill_id IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_deal_check_in_backfill" ON "deal_check_in" ("backfill_id")
            WHERE backfill_id IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_external_views_backfill" ON "external_views" ("backfill_id")
            WHERE backfill_id IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_roadshow_backfill" ON "roadshow" ("backfill_id")
            WHERE backfill_id IS NOT NULL
        `);
    await queryRunner.query(`
            ALTER TABLE "backfill"
            ADD CONSTRAINT "FK_d6608be06a2bcfb307e8cabcc6a" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "backfill"
            ADD CONSTRAINT "FK_d09e26a5c19de3bd5cdd02d89bc" FOREIGN KEY ("created_by") REFERENCES "user_account"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "backfill" DROP CONSTRAINT "FK_d09e26a5c19de3bd5cdd02d89bc"
        `);
    await queryRunner.query(`
            ALTER TABLE "backfill" DROP CONSTRAINT "FK_d6608be06a2bcfb307e8cabcc6a"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_roadshow_backfill"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_external_views_backfill"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_deal_check_in_backfill"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_deal_backfill"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_catalog_release_backfill"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_technical_need_backfill"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_event_backfill"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_research_result_backfill"
        `);
    await queryRunner.query(`
            ALTER TABLE "roadshow" DROP COLUMN "backfill_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "external_views" DROP COLUMN "backfill_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "deal_check_in" DROP COLUMN "backfill_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "deal" DROP COLUMN "backfill_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "catalog_release" DROP COLUMN "backfill_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "technical_need" DROP COLUMN "backfill_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "event" DROP COLUMN "backfill_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "research_result" DROP COLUMN "backfill_id"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_backfill_organization"
        `);
    await queryRunner.query(`
            DROP TABLE "backfill"
        `);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCatalogReleases1796562539395 implements MigrationInterface {
  name = 'CreateCatalogReleases1796562539395';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "catalog_release" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "result_id" uuid,
                "need_id" uuid,
                "event_id" uuid,
                "series_id" uuid,
                "organization_id" uuid NOT NULL,
                "act" text NOT NULL,
                "released_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "recorded_by" uuid,
                CONSTRAINT "ck_catalog_release_programme" CHECK (num_nonnulls(event_id, series_id) = 1),
                CONSTRAINT "ck_catalog_release_item" CHECK (num_nonnulls(result_id, need_id) = 1),
                CONSTRAINT "ck_catalog_release_act" CHECK (
                    act IN (
                        'submitted',
                        'presented',
                        'brought',
                        'imported',
                        'attached'
                    )
                ),
                CONSTRAINT "PK_2d573d3c62bd72f4776e061a5cf" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_catalog_release_result" ON "catalog_release" ("result_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_catalog_release_need" ON "catalog_release" ("need_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_catalog_release_event" ON "catalog_release" ("event_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_catalog_release_series" ON "catalog_release" ("series_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_catalog_release_organization" ON "catalog_release" ("organization_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_catalog_release_need_series" ON "catalog_release" ("need_id", "series_id", "act")
            WHERE need_id IS NOT NULL
                AND series_id IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_catalog_release_need_event" ON "catalog_release" ("need_id", "event_id", "act")
            WHERE need_id IS NOT NULL
                AND event_id IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_catalog_release_result_series" ON "catalog_release" ("result_id", "series_id", "act")
            WHERE result_id IS NOT NULL
                AND series_id IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_catalog_release_result_event" ON "catalog_release" ("result_id", "event_id", "act")
            WHERE result_id IS NOT NULL
                AND event_id IS NOT NULL
        `);
    await queryRunner.query(`
            ALTER TABLE "catalog_release"
            ADD CONSTRAINT "FK_326dd9ae4897507ade1dd82d363" FOREIGN KEY ("result_id") REFERENCES "research_result"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "catalog_release"
            ADD CONSTRAINT "FK_ddaa3098cba3fa7259fcc3d51c3" FOREIGN KEY ("need_id") REFERENCES "technical_need"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "catalog_release"
            ADD CONSTRAINT "FK_cef2d4f1b1249a89e9c3cb68459" FOREIGN KEY ("event_id") REFERENCES "event"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "catalog_release"
            ADD CONSTRAINT "FK_ed27362977f700dca62fc531717" FOREIGN KEY ("series_id") REFERENCES "event_series"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "catalog_release"
            ADD CONSTRAINT "FK_a6398f1ecce323efbdca4d4d54d" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "catalog_release"
            ADD CONSTRAINT "FK_ea5f7ed4c11896177a94f7d63c1" FOREIGN KEY ("recorded_by") REFERENCES "user_account"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    // What was brought into programmes before releases were recorded: roadshow submissions,
    // agenda items naming a result and needs brought to docking sessions, at the moment they were.
    await queryRunner.query(`
            INSERT INTO "catalog_release" (result_id, event_id, organization_id, act, released_at, recorded_by)
            SELECT r.result_id, r.event_id, e.organization_id, 'submitted', min(r.created_at), NULL
              FROM "roadshow" r JOIN "event" e ON e.id = r.event_id
             GROUP BY r.result_id, r.event_id, e.organization_id
        `);
    await queryRunner.query(`
            INSERT INTO "catalog_release" (result_id, event_id, organization_id, act, released_at, recorded_by)
            SELECT a.result_id, a.event_id, e.organization_id, 'presented', min(a.created_at), NULL
              FROM "agenda_item" a JOIN "event" e ON e.id = a.event_id
             WHERE a.result_id IS NOT NULL
             GROUP BY a.result_id, a.event_id, e.organization_id
        `);
    await queryRunner.query(`
            INSERT INTO "catalog_release" (need_id, event_id, organization_id, act, released_at, recorded_by)
            SELECT d.need_id, d.event_id, e.organization_id, 'brought', d.submitted_at, NULL
              FROM "docking_need" d JOIN "event" e ON e.id = d.event_id
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "catalog_release" DROP CONSTRAINT "FK_ea5f7ed4c11896177a94f7d63c1"
        `);
    await queryRunner.query(`
            ALTER TABLE "catalog_release" DROP CONSTRAINT "FK_a6398f1ecce323efbdca4d4d54d"
        `);
    await queryRunner.query(`
            ALTER TABLE "catalog_release" DROP CONSTRAINT "FK_ed27362977f700dca62fc531717"
        `);
    await queryRunner.query(`
            ALTER TABLE "catalog_release" DROP CONSTRAINT "FK_cef2d4f1b1249a89e9c3cb68459"
        `);
    await queryRunner.query(`
            ALTER TABLE "catalog_release" DROP CONSTRAINT "FK_ddaa3098cba3fa7259fcc3d51c3"
        `);
    await queryRunner.query(`
            ALTER TABLE "catalog_release" DROP CONSTRAINT "FK_326dd9ae4897507ade1dd82d363"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_catalog_release_result_event"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_catalog_release_result_series"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_catalog_release_need_event"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_catalog_release_need_series"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_catalog_release_organization"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_catalog_release_series"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_catalog_release_event"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_catalog_release_need"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_catalog_release_result"
        `);
    await queryRunner.query(`
            DROP TABLE "catalog_release"
        `);
  }
}

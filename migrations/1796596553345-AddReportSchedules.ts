import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reports e-mailed on a schedule: each organization's (or series') schedule, and one row per period
 * sent, unique by schedule and period, so that a period's report goes out once.
 */
export class AddReportSchedules1796596553345 implements MigrationInterface {
  name = 'AddReportSchedules1796596553345';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "report_schedule" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "organization_id" uuid NOT NULL,
                "series_id" uuid,
                "frequency" character varying(12) NOT NULL,
                "recipients" text array NOT NULL,
                "formats" text array NOT NULL DEFAULT '{docx}',
                "created_by" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_report_schedule_formats" CHECK (cardinality(formats) >= 1),
                CONSTRAINT "ck_report_schedule_recipients" CHECK (
                    cardinality(recipients) BETWEEN 1 AND 20
                ),
                CONSTRAINT "ck_report_schedule_frequency" CHECK (frequency IN ('monthly', 'quarterly')),
                CONSTRAINT "PK_c7488f713986a70052eb10f1178" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_report_schedule_organization" ON "report_schedule" ("organization_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "report_dispatch" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "schedule_id" uuid NOT NULL,
                "period" character varying(10) NOT NULL,
                "period_from" TIMESTAMP WITH TIME ZONE NOT NULL,
                "period_to" TIMESTAMP WITH TIME ZONE NOT NULL,
                "recipients" text array NOT NULL,
                "sent_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "uq_report_dispatch_period" UNIQUE ("schedule_id", "period"),
                CONSTRAINT "PK_ef8877ab75405c881d2d54812e9" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "report_schedule"
            ADD CONSTRAINT "FK_b3ba04ec662a78dce46b334de0d" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "report_schedule"
            ADD CONSTRAINT "FK_69c9ab76d4ccb5ddecbe29c9269" FOREIGN KEY ("series_id") REFERENCES "event_series"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "report_schedule"
            ADD CONSTRAINT "FK_19ef1b94d69b5f91f84a7279177" FOREIGN KEY ("created_by") REFERENCES "user_account"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "report_dispatch"
            ADD CONSTRAINT "FK_2db44c41f3b2458bed29f48a6fb" FOREIGN KEY ("schedule_id") REFERENCES "report_schedule"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "report_dispatch" DROP CONSTRAINT "FK_2db44c41f3b2458bed29f48a6fb"
        `);
    await queryRunner.query(`
            ALTER TABLE "report_schedule" DROP CONSTRAINT "FK_19ef1b94d69b5f91f84a7279177"
        `);
    await queryRunner.query(`
            ALTER TABLE "report_schedule" DROP CONSTRAINT "FK_69c9ab76d4ccb5ddecbe29c9269"
        `);
    await queryRunner.query(`
            ALTER TABLE "report_schedule" DROP CONSTRAINT "FK_b3ba04ec662a78dce46b334de0d"
        `);
    await queryRunner.query(`
            DROP TABLE "report_dispatch"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_report_schedule_organization"
        `);
    await queryRunner.query(`
            DROP TABLE "report_schedule"
        `);
  }
}

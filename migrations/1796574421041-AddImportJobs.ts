import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddImportJobs1796574421041 implements MigrationInterface {
  name = 'AddImportJobs1796574421041';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "import_job" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "kind" character varying(40) NOT NULL,
                "owner_id" uuid NOT NULL,
                "actor" jsonb NOT NULL,
                "target" jsonb NOT NULL DEFAULT '{}',
                "status" character varying(20) NOT NULL DEFAULT 'queued',
                "total" integer NOT NULL,
                "batches" integer NOT NULL,
                "next_batch" integer NOT NULL DEFAULT '0',
                "processed" integer NOT NULL DEFAULT '0',
                "imported" integer NOT NULL DEFAULT '0',
                "skipped" integer NOT NULL DEFAULT '0',
                "error_total" integer NOT NULL DEFAULT '0',
                "errors" jsonb NOT NULL DEFAULT '[]',
                "attempts" integer NOT NULL DEFAULT '0',
                "last_error" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "started_at" TIMESTAMP WITH TIME ZONE,
                "finished_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "ck_import_job_batches" CHECK (next_batch <= batches),
                CONSTRAINT "ck_import_job_status" CHECK (
                    status IN ('queued', 'running', 'done', 'failed')
                ),
                CONSTRAINT "PK_65b4c7eccb8120972a7b8da7682" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_import_job_owner" ON "import_job" ("owner_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "import_batch" (
                "import_id" uuid NOT NULL,
                "seq" integer NOT NULL,
                "rows" jsonb NOT NULL,
                CONSTRAINT "PK_ba5c0fe73166f4c25c4979846f8" PRIMARY KEY ("import_id", "seq")
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "import_job"
            ADD CONSTRAINT "FK_b2833cf91938597d502b224d4e2" FOREIGN KEY ("owner_id") REFERENCES "user_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "import_batch"
            ADD CONSTRAINT "FK_d91a89d5b8839afedc15c8d247b" FOREIGN KEY ("import_id") REFERENCES "import_job"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "import_batch" DROP CONSTRAINT "FK_d91a89d5b8839afedc15c8d247b"
        `);
    await queryRunner.query(`
            ALTER TABLE "import_job" DROP CONSTRAINT "FK_b2833cf91938597d502b224d4e2"
        `);
    await queryRunner.query(`
            DROP TABLE "import_batch"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_import_job_owner"
        `);
    await queryRunner.query(`
            DROP TABLE "import_job"
        `);
  }
}

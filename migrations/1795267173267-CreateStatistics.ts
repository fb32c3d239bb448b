import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateStatistics1795267173267 implements MigrationInterface {
  name = 'CreateStatistics1795267173267';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "event_statistics" (
                "event_id" uuid NOT NULL,
                "figures" jsonb NOT NULL,
                "compiled_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_78e0ce646fb278d502df67a93df" PRIMARY KEY ("event_id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "external_views" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "event_id" uuid NOT NULL,
                "source" character varying(100) NOT NULL,
                "views" integer NOT NULL,
                "entered_by" uuid NOT NULL,
                "entered_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_external_views_views" CHECK (views >= 0),
                CONSTRAINT "PK_d580f510c032ebd90bfe1ddd994" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_external_views_event" ON "external_views" ("event_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "event_statistics"
            ADD CONSTRAINT "FK_78e0ce646fb278d502df67a93df" FOREIGN KEY ("event_id") REFERENCES "event"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "external_views"
            ADD CONSTRAINT "FK_31a9770d1c33f141bc5a8aeed9d" FOREIGN KEY ("event_id") REFERENCES "event"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "external_views" DROP CONSTRAINT "FK_31a9770d1c33f141bc5a8aeed9d"
        `);
    await queryRunner.query(`
            ALTER TABLE "event_statistics" DROP CONSTRAINT "FK_78e0ce646fb278d502df67a93df"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_external_views_event"
        `);
    await queryRunner.query(`
            DROP TABLE "external_views"
        `);
    await queryRunner.query(`
            DROP TABLE "event_statistics"
        `);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddEventCoHosts1796596691780 implements MigrationInterface {
  name = 'AddEventCoHosts1796596691780';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "event_co_host" (
                "event_id" uuid NOT NULL,
                "organization_id" uuid NOT NULL,
                "added_by" uuid NOT NULL,
                "added_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_163793a0ade448c26edf915160c" PRIMARY KEY ("event_id", "organization_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_event_co_host_organization" ON "event_co_host" ("organization_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "event_co_host"
            ADD CONSTRAINT "FK_9e41b2ea9f32f58e12e431e1f99" FOREIGN KEY ("event_id") REFERENCES "event"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "event_co_host"
            ADD CONSTRAINT "FK_a6f2d0226fe543c90f7bf202845" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "event_co_host" DROP CONSTRAINT "FK_a6f2d0226fe543c90f7bf202845"
        `);
    await queryRunner.query(`
            ALTER TABLE "event_co_host" DROP CONSTRAINT "FK_9e41b2ea9f32f58e12e431e1f99"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_event_co_host_organization"
        `);
    await queryRunner.query(`
            DROP TABLE "event_co_host"
        `);
  }
}

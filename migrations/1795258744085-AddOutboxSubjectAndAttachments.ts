import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddOutboxSubjectAndAttachments1795258744085 implements MigrationInterface {
  name = 'AddOutboxSubjectAndAttachments1795258744085';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "outbox_message"
            ADD "attachments" jsonb NOT NULL DEFAULT '[]'
        `);
    await queryRunner.query(`
            ALTER TABLE "outbox_message"
            ADD "subject" character varying(100)
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_outbox_message_subject" ON "outbox_message" ("subject")
            WHERE subject IS NOT NULL
        `);
    // TypeORM does not notice a changed CHECK expression; the schema test does.
    await queryRunner.query(
      `ALTER TABLE "outbox_message" DROP CONSTRAINT "ck_outbox_message_status"`,
    );
    await queryRunner.query(`
            ALTER TABLE "outbox_message" ADD CONSTRAINT "ck_outbox_message_status"
            CHECK (status IN ('pending', 'enqueued', 'sending', 'delivered', 'failed', 'dropped'))
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "outbox_message" DROP CONSTRAINT "ck_outbox_message_status"`,
    );
    await queryRunner.query(`
            ALTER TABLE "outbox_message" ADD CONSTRAINT "ck_outbox_message_status"
            CHECK (status IN ('pending', 'enqueued', 'sending', 'delivered', 'failed'))
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_outbox_message_subject"
        `);
    await queryRunner.query(`
            ALTER TABLE "outbox_message" DROP COLUMN "subject"
        `);
    await queryRunner.query(`
            ALTER TABLE "outbox_message" DROP COLUMN "attachments"
        `);
  }
}

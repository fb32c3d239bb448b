import { MigrationInterface, QueryRunner } from 'typeorm';

/** Written by hand: TypeORM does not generate a changed CHECK expression (the schema test checks it). */
export class AllowOutboxTasks1795262998887 implements MigrationInterface {
  name = 'AllowOutboxTasks1795262998887';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "outbox_message" DROP CONSTRAINT "ck_outbox_message_channel"`,
    );
    await queryRunner.query(
      `ALTER TABLE "outbox_message" ADD CONSTRAINT "ck_outbox_message_channel" CHECK (channel IN ('email', 'sms', 'task'))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "outbox_message" WHERE channel = 'task'`);
    await queryRunner.query(
      `ALTER TABLE "outbox_message" DROP CONSTRAINT "ck_outbox_message_channel"`,
    );
    await queryRunner.query(
      `ALTER TABLE "outbox_message" ADD CONSTRAINT "ck_outbox_message_channel" CHECK (channel IN ('email', 'sms'))`,
    );
  }
}

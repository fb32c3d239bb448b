import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddCheckInKeys1796584995579 implements MigrationInterface {
  name = 'AddCheckInKeys1796584995579';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // The door's scans carry an idempotency key: a scan queued offline and synced twice checks in once.
    await queryRunner.query(`
            ALTER TABLE "registration"
            ADD "check_in_key" character varying(64)
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "registration" DROP COLUMN "check_in_key"
        `);
  }
}

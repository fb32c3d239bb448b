import { MigrationInterface, QueryRunner } from 'typeorm';

export class AllowAuditByGuests1796547439249 implements MigrationInterface {
  name = 'AllowAuditByGuests1796547439249';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "audit_entry"
            ALTER COLUMN "actor_id" DROP NOT NULL
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "audit_entry"
            ALTER COLUMN "actor_id"
            SET NOT NULL
        `);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/** Written by hand: TypeORM does not generate a changed CHECK expression (the schema test checks it). */
export class AllowDeletionCodes1796574236953 implements MigrationInterface {
  name = 'AllowDeletionCodes1796574236953';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "verification" DROP CONSTRAINT "ck_verification_purpose"`);
    await queryRunner.query(
      `ALTER TABLE "verification" ADD CONSTRAINT "ck_verification_purpose" CHECK (purpose IN ('verify_email', 'verify_mobile', 'sign_in', 'reset', 'change_email', 'change_mobile', 'confirm_deletion'))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "verification" WHERE purpose = 'confirm_deletion'`);
    await queryRunner.query(`ALTER TABLE "verification" DROP CONSTRAINT "ck_verification_purpose"`);
    await queryRunner.query(
      `ALTER TABLE "verification" ADD CONSTRAINT "ck_verification_purpose" CHECK (purpose IN ('verify_email', 'verify_mobile', 'sign_in', 'reset', 'change_email', 'change_mobile'))`,
    );
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddDealRegistration1796585257028 implements MigrationInterface {
  name = 'AddDealRegistration1796585257028';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "deal"
            ADD "investment_fen" bigint
        `);
    await queryRunner.query(`
            ALTER TABLE "deal"
            ADD "contract_category" character varying(12)
        `);
    await queryRunner.query(`
            ALTER TABLE "deal"
            ADD "registration_number" character varying(50)
        `);
    await queryRunner.query(`
            ALTER TABLE "deal"
            ADD "registered_amount_fen" bigint
        `);
    await queryRunner.query(`
            ALTER TABLE "deal"
            ADD "registered_on" date
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_deal_registration_number" ON "deal" ("registration_number")
            WHERE registration_number IS NOT NULL
        `);
    await queryRunner.query(`
            ALTER TABLE "deal"
            ADD CONSTRAINT "ck_deal_registration" CHECK (
                    num_nonnulls(
                        registration_number,
                        registered_amount_fen,
                        registered_on
                    ) IN (0, 3)
                    AND (
                        registration_number IS NULL
                        OR contract_category IS NOT NULL
                    )
                    AND (
                        registered_amount_fen IS NULL
                        OR registered_amount_fen >= 0
                    )
                )
        `);
    await queryRunner.query(`
            ALTER TABLE "deal"
            ADD CONSTRAINT "ck_deal_contract_category" CHECK (
                    contract_category IS NULL
                    OR contract_category IN (
                        'development',
                        'transfer',
                        'license',
                        'consulting',
                        'service'
                    )
                )
        `);
    await queryRunner.query(`
            ALTER TABLE "deal"
            ADD CONSTRAINT "ck_deal_investment" CHECK (
                    investment_fen IS NULL
                    OR investment_fen >= 0
                )
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "deal" DROP CONSTRAINT "ck_deal_investment"
        `);
    await queryRunner.query(`
            ALTER TABLE "deal" DROP CONSTRAINT "ck_deal_contract_category"
        `);
    await queryRunner.query(`
            ALTER TABLE "deal" DROP CONSTRAINT "ck_deal_registration"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_deal_registration_number"
        `);
    await queryRunner.query(`
            ALTER TABLE "deal" DROP COLUMN "registered_on"
        `);
    await queryRunner.query(`
            ALTER TABLE "deal" DROP COLUMN "registered_amount_fen"
        `);
    await queryRunner.query(`
            ALTER TABLE "deal" DROP COLUMN "registration_number"
        `);
    await queryRunner.query(`
            ALTER TABLE "deal" DROP COLUMN "contract_category"
        `);
    await queryRunner.query(`
            ALTER TABLE "deal" DROP COLUMN "investment_fen"
        `);
  }
}

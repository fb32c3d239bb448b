import { MigrationInterface, QueryRunner } from 'typeorm';

export class VerifyIdentities1796566593753 implements MigrationInterface {
  name = 'VerifyIdentities1796566593753';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "verification" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "purpose" character varying(20) NOT NULL,
                "target" character varying(254) NOT NULL,
                "secret_hash" character varying(64) NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "attempts" integer NOT NULL DEFAULT '0',
                "used_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_verification_purpose" CHECK (
                    purpose IN (
                        'verify_email',
                        'verify_mobile',
                        'sign_in',
                        'reset',
                        'change_email',
                        'change_mobile'
                    )
                ),
                CONSTRAINT "PK_f7e3a90ca384e71d6e2e93bb340" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_verification_user" ON "verification" ("user_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_verification_secret" ON "verification" ("secret_hash")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_verification_target" ON "verification" ("target", "purpose")
        `);
    await queryRunner.query(`
            ALTER TABLE "user_account"
            ADD "email_verified_at" TIMESTAMP WITH TIME ZONE
        `);
    await queryRunner.query(`
            ALTER TABLE "user_account"
            ADD "mobile_verified_at" TIMESTAMP WITH TIME ZONE
        `);
    await queryRunner.query(`
            ALTER TABLE "user_account"
            ADD "disabled_at" TIMESTAMP WITH TIME ZONE
        `);
    await queryRunner.query(`
            ALTER TABLE "user_account"
            ALTER COLUMN "email" DROP NOT NULL
        `);
    await queryRunner.query(`
            ALTER TABLE "user_account"
            ALTER COLUMN "password_hash" DROP NOT NULL
        `);
    // Existing numbers become 11 digits (spaces, dashes and +86 dropped); a number that does not,
    // or that an older account holds already, is cleared: nothing was ever verified on it.
    await queryRunner.query(`
            UPDATE "user_account"
               SET mobile = regexp_replace(regexp_replace(mobile, '[\\s()-]', '', 'g'), '^(\\+86|0086|86)(?=1[0-9]{10}$)', '')
             WHERE mobile IS NOT NULL
        `);
    await queryRunner.query(`
            UPDATE "user_account" u SET mobile = NULL
             WHERE mobile !~ '^1[3-9][0-9]{9}$'
                OR EXISTS (SELECT 1 FROM "user_account" o
                            WHERE o.mobile = u.mobile AND (o.created_at, o.id) < (u.created_at, u.id))
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_user_account_mobile" ON "user_account" ("mobile")
        `);
    await queryRunner.query(`
            ALTER TABLE "user_account"
            ADD CONSTRAINT "ck_user_account_address" CHECK (
                    email IS NOT NULL
                    OR mobile IS NOT NULL
                )
        `);
    await queryRunner.query(`
            ALTER TABLE "user_account"
            ADD CONSTRAINT "ck_user_account_mobile" CHECK (mobile ~ '^1[3-9][0-9]{9}$')
        `);
    await queryRunner.query(`
            ALTER TABLE "verification"
            ADD CONSTRAINT "FK_49cf5e171603b309b4194850461" FOREIGN KEY ("user_id") REFERENCES "user_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "verification" DROP CONSTRAINT "FK_49cf5e171603b309b4194850461"
        `);
    await queryRunner.query(`
            ALTER TABLE "user_account" DROP CONSTRAINT "ck_user_account_mobile"
        `);
    await queryRunner.query(`
            ALTER TABLE "user_account" DROP CONSTRAINT "ck_user_account_address"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_user_account_mobile"
        `);
    await queryRunner.query(`
            ALTER TABLE "user_account"
            ALTER COLUMN "password_hash"
            SET NOT NULL
        `);
    await queryRunner.query(`
            ALTER TABLE "user_account"
            ALTER COLUMN "email"
            SET NOT NULL
        `);
    await queryRunner.query(`
            ALTER TABLE "user_account" DROP COLUMN "disabled_at"
        `);
    await queryRunner.query(`
            ALTER TABLE "user_account" DROP COLUMN "mobile_verified_at"
        `);
    await queryRunner.query(`
            ALTER TABLE "user_account" DROP COLUMN "email_verified_at"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_verification_target"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_verification_secret"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_verification_user"
        `);
    await queryRunner.query(`
            DROP TABLE "verification"
        `);
  }
}

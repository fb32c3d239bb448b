import { MigrationInterface, QueryRunner } from 'typeorm';

export class AllowMobileOnlyPeople1796566947870 implements MigrationInterface {
  name = 'AllowMobileOnlyPeople1796566947870';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."uq_invitation_email"
        `);
    await queryRunner.query(`
            ALTER TABLE "invitation"
            ALTER COLUMN "email" DROP NOT NULL
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_registration_person"
        `);
    await queryRunner.query(`
            ALTER TABLE "registration"
            ALTER COLUMN "email" DROP NOT NULL
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_invitation_mobile" ON "invitation" ("event_id", "mobile")
            WHERE mobile IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_invitation_email" ON "invitation" ("event_id", "email")
            WHERE email IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_registration_mobile" ON "registration" ("event_id", "mobile")
            WHERE status IN ('pending', 'waitlisted', 'confirmed')
                AND mobile IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_registration_person" ON "registration" ("event_id", "email")
            WHERE status IN ('pending', 'waitlisted', 'confirmed')
                AND email IS NOT NULL
        `);
    await queryRunner.query(`
            ALTER TABLE "invitation"
            ADD CONSTRAINT "ck_invitation_contact" CHECK (
                    email IS NOT NULL
                    OR mobile IS NOT NULL
                )
        `);
    await queryRunner.query(`
            ALTER TABLE "registration"
            ADD CONSTRAINT "ck_registration_contact" CHECK (
                    email IS NOT NULL
                    OR mobile IS NOT NULL
                )
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "registration" DROP CONSTRAINT "ck_registration_contact"
        `);
    await queryRunner.query(`
            ALTER TABLE "invitation" DROP CONSTRAINT "ck_invitation_contact"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_registration_person"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_registration_mobile"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_invitation_email"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_invitation_mobile"
        `);
    await queryRunner.query(`
            ALTER TABLE "registration"
            ALTER COLUMN "email"
            SET NOT NULL
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_registration_person" ON "registration" ("event_id", "email")
            WHERE (
                    (status)::text = ANY (
                        (
                            ARRAY ['pending'::character varying, 'waitlisted'::character varying, 'confirmed'::character varying]
                        )::text []
                    )
                )
        `);
    await queryRunner.query(`
            ALTER TABLE "invitation"
            ALTER COLUMN "email"
            SET NOT NULL
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_invitation_email" ON "invitation" ("event_id", "email")
        `);
  }
}

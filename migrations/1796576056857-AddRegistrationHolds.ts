import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddRegistrationHolds1796576056857 implements MigrationInterface {
  name = 'AddRegistrationHolds1796576056857';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "event"
            ADD "guests_confirm" boolean NOT NULL DEFAULT false
        `);
    await queryRunner.query(`
            ALTER TABLE "registration"
            ADD "held_until" TIMESTAMP WITH TIME ZONE
        `);
    // A guest's held seat is a status of its own, and holds the person's place like the others.
    await queryRunner.query(`
            ALTER TABLE "registration" DROP CONSTRAINT "ck_registration_status"
        `);
    await queryRunner.query(`
            ALTER TABLE "registration"
            ADD CONSTRAINT "ck_registration_status" CHECK (
                    status IN (
                        'pending',
                        'waitlisted',
                        'held',
                        'confirmed',
                        'rejected',
                        'cancelled'
                    )
                )
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_registration_person"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_registration_mobile"
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_registration_person" ON "registration" ("event_id", "email")
            WHERE status IN ('pending', 'waitlisted', 'held', 'confirmed')
                AND email IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_registration_mobile" ON "registration" ("event_id", "mobile")
            WHERE status IN ('pending', 'waitlisted', 'held', 'confirmed')
                AND mobile IS NOT NULL
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            UPDATE "registration" SET status = 'cancelled', cancelled_at = now() WHERE status = 'held'
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_registration_person"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_registration_mobile"
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_registration_person" ON "registration" ("event_id", "email")
            WHERE status IN ('pending', 'waitlisted', 'confirmed')
                AND email IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_registration_mobile" ON "registration" ("event_id", "mobile")
            WHERE status IN ('pending', 'waitlisted', 'confirmed')
                AND mobile IS NOT NULL
        `);
    await queryRunner.query(`
            ALTER TABLE "registration" DROP CONSTRAINT "ck_registration_status"
        `);
    await queryRunner.query(`
            ALTER TABLE "registration"
            ADD CONSTRAINT "ck_registration_status" CHECK (
                    status IN (
                        'pending',
                        'waitlisted',
                        'confirmed',
                        'rejected',
                        'cancelled'
                    )
                )
        `);
    await queryRunner.query(`
            ALTER TABLE "registration" DROP COLUMN "held_until"
        `);
    await queryRunner.query(`
            ALTER TABLE "event" DROP COLUMN "guests_confirm"
        `);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Invitees' seats kept for them: the event's setting (on for events that need an invitation,
 * those already there included), the invitation's hold, and a pending registration's kept seat.
 */
export class AddInviteeSeatHolds1796596560892 implements MigrationInterface {
  name = 'AddInviteeSeatHolds1796596560892';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "event"
            ADD "invitations_hold_seats" boolean NOT NULL DEFAULT false
        `);
    await queryRunner.query(`
            UPDATE "event" SET "invitations_hold_seats" = true WHERE visibility <> 'public'
        `);
    await queryRunner.query(`
            ALTER TABLE "invitation"
            ADD "seat_held_until" TIMESTAMP WITH TIME ZONE
        `);
    await queryRunner.query(`
            ALTER TABLE "registration"
            ADD "seat_kept" boolean NOT NULL DEFAULT false
        `);
    await queryRunner.query(`
            ALTER TABLE "registration"
            ADD CONSTRAINT "ck_registration_seat_kept" CHECK (
                    NOT seat_kept
                    OR status = 'pending'
                )
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "registration" DROP CONSTRAINT "ck_registration_seat_kept"
        `);
    await queryRunner.query(`
            ALTER TABLE "registration" DROP COLUMN "seat_kept"
        `);
    await queryRunner.query(`
            ALTER TABLE "invitation" DROP COLUMN "seat_held_until"
        `);
    await queryRunner.query(`
            ALTER TABLE "event" DROP COLUMN "invitations_hold_seats"
        `);
  }
}

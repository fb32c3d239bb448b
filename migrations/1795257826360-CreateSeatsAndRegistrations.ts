import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateSeatsAndRegistrations1795257826360 implements MigrationInterface {
  name = 'CreateSeatsAndRegistrations1795257826360';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "event_seat_shard" (
                "event_id" uuid NOT NULL,
                "shard" smallint NOT NULL,
                "capacity" integer NOT NULL,
                "taken" integer NOT NULL DEFAULT '0',
                CONSTRAINT "ck_event_seat_shard_taken" CHECK (
                    taken >= 0
                    AND taken <= capacity
                ),
                CONSTRAINT "PK_16e789914a8b4e30af2cc752e77" PRIMARY KEY ("event_id", "shard")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "event_sector_seats" (
                "event_id" uuid NOT NULL,
                "sector" character varying(12) NOT NULL,
                "taken" integer NOT NULL DEFAULT '0',
                CONSTRAINT "ck_event_sector_seats_taken" CHECK (taken >= 0),
                CONSTRAINT "PK_4b549ea954daf4dd65433ff5a75" PRIMARY KEY ("event_id", "sector")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "registration" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "event_id" uuid NOT NULL,
                "user_id" uuid,
                "name" character varying(100) NOT NULL,
                "email" character varying(254) NOT NULL,
                "mobile" character varying(20),
                "organization_name" character varying(200),
                "sector" character varying(12) NOT NULL,
                "status" character varying(12) NOT NULL,
                "queue_number" BIGSERIAL NOT NULL,
                "answers" jsonb NOT NULL DEFAULT '{}',
                "locale" character varying(10) NOT NULL,
                "confirmed_at" TIMESTAMP WITH TIME ZONE,
                "cancelled_at" TIMESTAMP WITH TIME ZONE,
                "check_in_code" character varying(12),
                "checked_in_at" TIMESTAMP WITH TIME ZONE,
                "checked_in_by" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_registration_email_lower" CHECK (email = lower(email)),
                CONSTRAINT "ck_registration_sector" CHECK (
                    sector IN (
                        'government',
                        'industry',
                        'academia',
                        'research',
                        'finance',
                        'services',
                        'users'
                    )
                ),
                CONSTRAINT "ck_registration_status" CHECK (
                    status IN (
                        'pending',
                        'waitlisted',
                        'confirmed',
                        'rejected',
                        'cancelled'
                    )
                ),
                CONSTRAINT "PK_cb23dc9d28df8801b15e9e2b8d6" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_registration_user" ON "registration" ("user_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_registration_check_in_code" ON "registration" ("check_in_code")
            WHERE check_in_code IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_registration_queue" ON "registration" ("event_id", "status", "queue_number")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_registration_person" ON "registration" ("event_id", "email")
            WHERE status IN ('pending', 'waitlisted', 'confirmed')
        `);
    await queryRunner.query(`
            ALTER TABLE "event_seat_shard"
            ADD CONSTRAINT "FK_402723ca2dd1a802558ffdf9f15" FOREIGN KEY ("event_id") REFERENCES "event"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "event_sector_seats"
            ADD CONSTRAINT "FK_2fb8ea3cba16c7ed696ad10c6a9" FOREIGN KEY ("event_id") REFERENCES "event"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "registration"
            ADD CONSTRAINT "FK_e273290b4292fe15ea3b0d03511" FOREIGN KEY ("event_id") REFERENCES "event"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "registration"
            ADD CONSTRAINT "FK_7df145ec10b504c38049e3253d4" FOREIGN KEY ("user_id") REFERENCES "user_account"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "registration" DROP CONSTRAINT "FK_7df145ec10b504c38049e3253d4"
        `);
    await queryRunner.query(`
            ALTER TABLE "registration" DROP CONSTRAINT "FK_e273290b4292fe15ea3b0d03511"
        `);
    await queryRunner.query(`
            ALTER TABLE "event_sector_seats" DROP CONSTRAINT "FK_2fb8ea3cba16c7ed696ad10c6a9"
        `);
    await queryRunner.query(`
            ALTER TABLE "event_seat_shard" DROP CONSTRAINT "FK_402723ca2dd1a802558ffdf9f15"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_registration_person"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_registration_queue"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_registration_check_in_code"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_registration_user"
        `);
    await queryRunner.query(`
            DROP TABLE "registration"
        `);
    await queryRunner.query(`
            DROP TABLE "event_sector_seats"
        `);
    await queryRunner.query(`
            DROP TABLE "event_seat_shard"
        `);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateDocking1795265480862 implements MigrationInterface {
  name = 'CreateDocking1795265480862';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "docking_meeting" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "event_id" uuid NOT NULL,
                "requester_id" uuid NOT NULL,
                "counterpart_id" uuid NOT NULL,
                "need_id" uuid,
                "table_name" character varying(50),
                "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "status" character varying(12) NOT NULL DEFAULT 'requested',
                "note" character varying(500) NOT NULL DEFAULT '',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "uq_docking_meeting_times" UNIQUE ("id", "starts_at", "ends_at"),
                CONSTRAINT "ck_docking_meeting_parties" CHECK (requester_id <> counterpart_id),
                CONSTRAINT "ck_docking_meeting_times" CHECK (ends_at > starts_at),
                CONSTRAINT "ck_docking_meeting_status" CHECK (
                    status IN ('requested', 'accepted', 'declined', 'cancelled')
                ),
                CONSTRAINT "ex_docking_meeting_table" EXCLUDE USING gist (
                    event_id WITH =,
                    table_name WITH =,
                    tstzrange(starts_at, ends_at) WITH &&
                )
                WHERE (status = 'accepted'),
                    CONSTRAINT "PK_848b13717af57bc9d08ff2d3f3a" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_docking_meeting_event" ON "docking_meeting" ("event_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "docking_booking" (
                "meeting_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "ex_docking_booking_party" EXCLUDE USING gist (
                    user_id WITH =,
                    tstzrange(starts_at, ends_at) WITH &&
                ),
                CONSTRAINT "PK_26dd5777ec3f698cbd53b3ef7e8" PRIMARY KEY ("meeting_id", "user_id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "docking_need" (
                "event_id" uuid NOT NULL,
                "need_id" uuid NOT NULL,
                "submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_e567ec21d73befddc00344be0fe" PRIMARY KEY ("event_id", "need_id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "docking_outcome" (
                "meeting_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "outcome" character varying(30) NOT NULL,
                "note" character varying(1000) NOT NULL DEFAULT '',
                "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_docking_outcome_outcome" CHECK (
                    outcome IN (
                        'no_further_contact',
                        'valuable_contact',
                        'negotiation_started',
                        'agreement_reached'
                    )
                ),
                CONSTRAINT "PK_0e8b7352fa0a08236bfaf59c8f8" PRIMARY KEY ("meeting_id", "user_id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "docking_table" (
                "event_id" uuid NOT NULL,
                "name" character varying(50) NOT NULL,
                CONSTRAINT "PK_bbbded623c1c77e94244747cefe" PRIMARY KEY ("event_id", "name")
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "docking_meeting"
            ADD CONSTRAINT "FK_cd410e6479d96c99c47640fcc2d" FOREIGN KEY ("event_id") REFERENCES "event"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "docking_meeting"
            ADD CONSTRAINT "FK_dc96eb473c45a58d37f74db1a31" FOREIGN KEY ("requester_id") REFERENCES "user_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "docking_meeting"
            ADD CONSTRAINT "FK_ae3ac5b5c0f2d66a0daf2f2828e" FOREIGN KEY ("counterpart_id") REFERENCES "user_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "docking_meeting"
            ADD CONSTRAINT "FK_bf794b3557816b51a96828bde26" FOREIGN KEY ("need_id") REFERENCES "technical_need"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "docking_booking"
            ADD CONSTRAINT "FK_ac92e765c9961501415b7b49ea8" FOREIGN KEY ("meeting_id", "starts_at", "ends_at") REFERENCES "docking_meeting"("id", "starts_at", "ends_at") ON DELETE CASCADE ON UPDATE CASCADE
        `);
    await queryRunner.query(`
            ALTER TABLE "docking_need"
            ADD CONSTRAINT "FK_1018f202228b81a85f91f47590a" FOREIGN KEY ("event_id") REFERENCES "event"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "docking_need"
            ADD CONSTRAINT "FK_c157a63b8307edbe56d192d2a48" FOREIGN KEY ("need_id") REFERENCES "technical_need"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "docking_outcome"
            ADD CONSTRAINT "FK_7c999c7ebb6eb2dddc9c0821f62" FOREIGN KEY ("meeting_id") REFERENCES "docking_meeting"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "docking_table"
            ADD CONSTRAINT "FK_92c3f7d98c161b2e0e36bc3637b" FOREIGN KEY ("event_id") REFERENCES "event"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "docking_table" DROP CONSTRAINT "FK_92c3f7d98c161b2e0e36bc3637b"
        `);
    await queryRunner.query(`
            ALTER TABLE "docking_outcome" DROP CONSTRAINT "FK_7c999c7ebb6eb2dddc9c0821f62"
        `);
    await queryRunner.query(`
            ALTER TABLE "docking_need" DROP CONSTRAINT "FK_c157a63b8307edbe56d192d2a48"
        `);
    await queryRunner.query(`
            ALTER TABLE "docking_need" DROP CONSTRAINT "FK_1018f202228b81a85f91f47590a"
        `);
    await queryRunner.query(`
            ALTER TABLE "docking_booking" DROP CONSTRAINT "FK_ac92e765c9961501415b7b49ea8"
        `);
    await queryRunner.query(`
            ALTER TABLE "docking_meeting" DROP CONSTRAINT "FK_bf794b3557816b51a96828bde26"
        `);
    await queryRunner.query(`
            ALTER TABLE "docking_meeting" DROP CONSTRAINT "FK_ae3ac5b5c0f2d66a0daf2f2828e"
        `);
    await queryRunner.query(`
            ALTER TABLE "docking_meeting" DROP CONSTRAINT "FK_dc96eb473c45a58d37f74db1a31"
        `);
    await queryRunner.query(`
            ALTER TABLE "docking_meeting" DROP CONSTRAINT "FK_cd410e6479d96c99c47640fcc2d"
        `);
    await queryRunner.query(`
            DROP TABLE "docking_table"
        `);
    await queryRunner.query(`
            DROP TABLE "docking_outcome"
        `);
    await queryRunner.query(`
            DROP TABLE "docking_need"
        `);
    await queryRunner.query(`
            DROP TABLE "docking_booking"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_docking_meeting_event"
        `);
    await queryRunner.query(`
            DROP TABLE "docking_meeting"
        `);
  }
}

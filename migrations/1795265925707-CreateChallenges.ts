import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateChallenges1795265925707 implements MigrationInterface {
  name = 'CreateChallenges1795265925707';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "challenge" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "event_id" uuid,
                "posted_by" uuid NOT NULL,
                "enterprise_name" character varying(200) NOT NULL,
                "title" character varying(200) NOT NULL,
                "description" text NOT NULL,
                "fields" text array NOT NULL DEFAULT '{}',
                "award_fen" bigint NOT NULL,
                "eligibility" text NOT NULL DEFAULT '',
                "deadline" TIMESTAMP WITH TIME ZONE NOT NULL,
                "published" boolean NOT NULL DEFAULT false,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_challenge_award" CHECK (award_fen >= 0),
                CONSTRAINT "PK_5f31455ad09ea6a836a06871b7a" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_challenge_event" ON "challenge" ("event_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "challenge_bid" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "challenge_id" uuid NOT NULL,
                "submitted_by" uuid NOT NULL,
                "institution_name" character varying(200) NOT NULL,
                "proposal" text NOT NULL,
                "team" text NOT NULL DEFAULT '',
                "status" character varying(12) NOT NULL DEFAULT 'submitted',
                "note" text NOT NULL DEFAULT '',
                "decided_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_challenge_bid_status" CHECK (
                    status IN (
                        'submitted',
                        'shortlisted',
                        'awarded',
                        'rejected',
                        'withdrawn'
                    )
                ),
                CONSTRAINT "PK_fefa50a2029da79a1a020840f3b" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_challenge_bid_bidder" ON "challenge_bid" ("submitted_by")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_challenge_bid_bidder" ON "challenge_bid" ("challenge_id", "submitted_by")
            WHERE status <> 'withdrawn'
        `);
    await queryRunner.query(`
            ALTER TABLE "challenge"
            ADD CONSTRAINT "FK_841775313e97e1eb72c884dd5c5" FOREIGN KEY ("event_id") REFERENCES "event"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "challenge"
            ADD CONSTRAINT "FK_5e0c5de71fa9a9e5e4df157e7fd" FOREIGN KEY ("posted_by") REFERENCES "user_account"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "challenge_bid"
            ADD CONSTRAINT "FK_648bae02401dedce3cb59f1da1a" FOREIGN KEY ("challenge_id") REFERENCES "challenge"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "challenge_bid"
            ADD CONSTRAINT "FK_29017bffeff1854318a00cb516b" FOREIGN KEY ("submitted_by") REFERENCES "user_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "challenge_bid" DROP CONSTRAINT "FK_29017bffeff1854318a00cb516b"
        `);
    await queryRunner.query(`
            ALTER TABLE "challenge_bid" DROP CONSTRAINT "FK_648bae02401dedce3cb59f1da1a"
        `);
    await queryRunner.query(`
            ALTER TABLE "challenge" DROP CONSTRAINT "FK_5e0c5de71fa9a9e5e4df157e7fd"
        `);
    await queryRunner.query(`
            ALTER TABLE "challenge" DROP CONSTRAINT "FK_841775313e97e1eb72c884dd5c5"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_challenge_bid_bidder"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_challenge_bid_bidder"
        `);
    await queryRunner.query(`
            DROP TABLE "challenge_bid"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_challenge_event"
        `);
    await queryRunner.query(`
            DROP TABLE "challenge"
        `);
  }
}

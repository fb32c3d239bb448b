import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateRoadshows1795265797107 implements MigrationInterface {
  name = 'CreateRoadshows1795265797107';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "roadshow_call" (
                "event_id" uuid NOT NULL,
                "opens_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "closes_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "fields" text array NOT NULL DEFAULT '{}',
                "description" text NOT NULL DEFAULT '',
                CONSTRAINT "ck_roadshow_call_window" CHECK (closes_at > opens_at),
                CONSTRAINT "PK_8e242da43d2838fe13ef49ca8da" PRIMARY KEY ("event_id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "roadshow" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "event_id" uuid NOT NULL,
                "result_id" uuid NOT NULL,
                "submitted_by" uuid NOT NULL,
                "presenter_ids" uuid array NOT NULL,
                "abstract" text NOT NULL,
                "status" character varying(12) NOT NULL DEFAULT 'submitted',
                "decision_note" text NOT NULL DEFAULT '',
                "decided_at" TIMESTAMP WITH TIME ZONE,
                "agenda_item_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_roadshow_status" CHECK (
                    status IN ('submitted', 'accepted', 'rejected', 'withdrawn')
                ),
                CONSTRAINT "PK_1694a1b8e954302675b6be190d3" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_roadshow_submitter" ON "roadshow" ("submitted_by")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_roadshow_event_result" ON "roadshow" ("event_id", "result_id")
            WHERE status <> 'withdrawn'
        `);
    await queryRunner.query(`
            CREATE TABLE "roadshow_review" (
                "roadshow_id" uuid NOT NULL,
                "reviewer_id" uuid NOT NULL,
                "score" smallint,
                "comment" text NOT NULL DEFAULT '',
                "scored_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "ck_roadshow_review_score" CHECK (
                    score IS NULL
                    OR score BETWEEN 1 AND 5
                ),
                CONSTRAINT "PK_e46803abc3efba772f780a4fcb9" PRIMARY KEY ("roadshow_id", "reviewer_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_roadshow_review_reviewer" ON "roadshow_review" ("reviewer_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "roadshow_call"
            ADD CONSTRAINT "FK_8e242da43d2838fe13ef49ca8da" FOREIGN KEY ("event_id") REFERENCES "event"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "roadshow"
            ADD CONSTRAINT "FK_84a481c39bcb6d4391a431b6da4" FOREIGN KEY ("event_id") REFERENCES "event"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "roadshow"
            ADD CONSTRAINT "FK_cfa75c55549c7b3326294b88618" FOREIGN KEY ("result_id") REFERENCES "research_result"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "roadshow"
            ADD CONSTRAINT "FK_b08bd04665b4e483a905e4d5569" FOREIGN KEY ("submitted_by") REFERENCES "user_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "roadshow"
            ADD CONSTRAINT "FK_251af727d355b18888f8bdc8383" FOREIGN KEY ("agenda_item_id") REFERENCES "agenda_item"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "roadshow_review"
            ADD CONSTRAINT "FK_ce840e48ce653523424945df989" FOREIGN KEY ("roadshow_id") REFERENCES "roadshow"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "roadshow_review"
            ADD CONSTRAINT "FK_b912647ad4b71dd351ab436a802" FOREIGN KEY ("reviewer_id") REFERENCES "user_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "roadshow_review" DROP CONSTRAINT "FK_b912647ad4b71dd351ab436a802"
        `);
    await queryRunner.query(`
            ALTER TABLE "roadshow_review" DROP CONSTRAINT "FK_ce840e48ce653523424945df989"
        `);
    await queryRunner.query(`
            ALTER TABLE "roadshow" DROP CONSTRAINT "FK_251af727d355b18888f8bdc8383"
        `);
    await queryRunner.query(`
            ALTER TABLE "roadshow" DROP CONSTRAINT "FK_b08bd04665b4e483a905e4d5569"
        `);
    await queryRunner.query(`
            ALTER TABLE "roadshow" DROP CONSTRAINT "FK_cfa75c55549c7b3326294b88618"
        `);
    await queryRunner.query(`
            ALTER TABLE "roadshow" DROP CONSTRAINT "FK_84a481c39bcb6d4391a431b6da4"
        `);
    await queryRunner.query(`
            ALTER TABLE "roadshow_call" DROP CONSTRAINT "FK_8e242da43d2838fe13ef49ca8da"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_roadshow_review_reviewer"
        `);
    await queryRunner.query(`
            DROP TABLE "roadshow_review"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_roadshow_event_result"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_roadshow_submitter"
        `);
    await queryRunner.query(`
            DROP TABLE "roadshow"
        `);
    await queryRunner.query(`
            DROP TABLE "roadshow_call"
        `);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateDeals1795266941978 implements MigrationInterface {
  name = 'CreateDeals1795266941978';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "audit_entry" (
                "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
                "subject_type" character varying(20) NOT NULL,
                "subject_id" uuid NOT NULL,
                "action" character varying(20) NOT NULL,
                "actor_id" uuid NOT NULL,
                "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "before" jsonb,
                "after" jsonb NOT NULL,
                "reason" text,
                CONSTRAINT "PK_58a130a4b9da189f46ba2a01801" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_audit_entry_subject" ON "audit_entry" ("subject_type", "subject_id", "at")
        `);
    await queryRunner.query(`
            CREATE TABLE "intent" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "enterprise_name" character varying(200) NOT NULL,
                "result_id" uuid,
                "expert_id" uuid,
                "event_id" uuid,
                "docking_meeting_id" uuid,
                "note" text NOT NULL DEFAULT '',
                "stage" character varying(12) NOT NULL DEFAULT 'intent',
                "drop_reason" text,
                "owner_id" uuid,
                "last_contact_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_intent_target" CHECK (num_nonnulls(result_id, expert_id) >= 1),
                CONSTRAINT "ck_intent_stage" CHECK (
                    stage IN (
                        'intent',
                        'contacted',
                        'negotiating',
                        'signed',
                        'landed',
                        'dropped'
                    )
                ),
                CONSTRAINT "PK_513a9beef6edc5701fbd955321d" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_intent_user" ON "intent" ("user_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_intent_event" ON "intent" ("event_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "deal" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "intent_id" uuid,
                "enterprise_name" character varying(200) NOT NULL,
                "institution_name" character varying(200) NOT NULL,
                "expert_team" character varying(300) NOT NULL DEFAULT '',
                "result_id" uuid,
                "need_id" uuid,
                "event_id" uuid,
                "agenda_item_id" uuid,
                "docking_meeting_id" uuid,
                "type" character varying(20) NOT NULL,
                "contract_value_fen" bigint NOT NULL,
                "signed_on" date NOT NULL,
                "at_ceremony" boolean NOT NULL DEFAULT false,
                "attachments" jsonb NOT NULL DEFAULT '[]',
                "stage" character varying(12) NOT NULL DEFAULT 'signed',
                "drop_reason" text,
                "owner_id" uuid,
                "last_contact_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "created_by" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_deal_ceremony" CHECK (
                    NOT at_ceremony
                    OR event_id IS NOT NULL
                ),
                CONSTRAINT "ck_deal_value" CHECK (contract_value_fen >= 0),
                CONSTRAINT "ck_deal_stage" CHECK (
                    stage IN (
                        'intent',
                        'contacted',
                        'negotiating',
                        'signed',
                        'landed',
                        'dropped'
                    )
                ),
                CONSTRAINT "ck_deal_type" CHECK (
                    type IN (
                        'transfer',
                        'license',
                        'joint_development',
                        'platform',
                        'equity',
                        'technical_service'
                    )
                ),
                CONSTRAINT "PK_9ce1c24acace60f6d7dc7a7189e" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_deal_event" ON "deal" ("event_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "deal_check_in" (
                "deal_id" uuid NOT NULL,
                "months" smallint NOT NULL,
                "landed" boolean NOT NULL,
                "received_fen" bigint NOT NULL,
                "output_value_fen" bigint NOT NULL,
                "note" text NOT NULL DEFAULT '',
                "recorded_by" uuid NOT NULL,
                "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_deal_check_in_amounts" CHECK (
                    received_fen >= 0
                    AND output_value_fen >= 0
                ),
                CONSTRAINT "ck_deal_check_in_months" CHECK (months IN (3, 6, 12)),
                CONSTRAINT "PK_95d38006d5b598ade2f079c8bcd" PRIMARY KEY ("deal_id", "months")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "follow_up_task" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "intent_id" uuid,
                "deal_id" uuid,
                "owner_id" uuid NOT NULL,
                "title" character varying(200) NOT NULL,
                "due_on" date NOT NULL,
                "notes" text NOT NULL DEFAULT '',
                "done_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_follow_up_task_subject" CHECK (num_nonnulls(intent_id, deal_id) = 1),
                CONSTRAINT "PK_e14f926bb57c06a45be03e312c7" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_follow_up_task_owner" ON "follow_up_task" ("owner_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "intent"
            ADD CONSTRAINT "FK_01098d89eab354e89c26f89f976" FOREIGN KEY ("user_id") REFERENCES "user_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "intent"
            ADD CONSTRAINT "FK_2f9d6fe9eeecd4bce9b6d3e6782" FOREIGN KEY ("result_id") REFERENCES "research_result"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "intent"
            ADD CONSTRAINT "FK_9b30ac40920d3e183b5b8660259" FOREIGN KEY ("expert_id") REFERENCES "expert_profile"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "intent"
            ADD CONSTRAINT "FK_d461c54f27009a54466b1b1ead0" FOREIGN KEY ("event_id") REFERENCES "event"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "intent"
            ADD CONSTRAINT "FK_e1c6f8804ede1a481c17627d9ed" FOREIGN KEY ("docking_meeting_id") REFERENCES "docking_meeting"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "deal"
            ADD CONSTRAINT "FK_320e61c7331d34d78197968ea5f" FOREIGN KEY ("intent_id") REFERENCES "intent"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "deal"
            ADD CONSTRAINT "FK_892fa1172b0656489fd14e5a3db" FOREIGN KEY ("result_id") REFERENCES "research_result"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "deal"
            ADD CONSTRAINT "FK_8f0be688a20c9e85aaa38f03851" FOREIGN KEY ("need_id") REFERENCES "technical_need"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "deal"
            ADD CONSTRAINT "FK_4028105cf4fef4c98657a0607a0" FOREIGN KEY ("event_id") REFERENCES "event"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "deal"
            ADD CONSTRAINT "FK_477520579937e893c390cac92a4" FOREIGN KEY ("agenda_item_id") REFERENCES "agenda_item"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "deal"
            ADD CONSTRAINT "FK_b2985e3936b49f18ddf2783e135" FOREIGN KEY ("docking_meeting_id") REFERENCES "docking_meeting"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "deal_check_in"
            ADD CONSTRAINT "FK_a9675f514488b4c20650796146c" FOREIGN KEY ("deal_id") REFERENCES "deal"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "follow_up_task"
            ADD CONSTRAINT "FK_45767bc0ddc04e50b5740115d22" FOREIGN KEY ("intent_id") REFERENCES "intent"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "follow_up_task"
            ADD CONSTRAINT "FK_2b41b1f8f4c1aa70b0c4dd0f66f" FOREIGN KEY ("deal_id") REFERENCES "deal"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "follow_up_task"
            ADD CONSTRAINT "FK_ae69e79d839608d46f8012c3e7b" FOREIGN KEY ("owner_id") REFERENCES "user_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "follow_up_task" DROP CONSTRAINT "FK_ae69e79d839608d46f8012c3e7b"
        `);
    await queryRunner.query(`
            ALTER TABLE "follow_up_task" DROP CONSTRAINT "FK_2b41b1f8f4c1aa70b0c4dd0f66f"
        `);
    await queryRunner.query(`
            ALTER TABLE "follow_up_task" DROP CONSTRAINT "FK_45767bc0ddc04e50b5740115d22"
        `);
    await queryRunner.query(`
            ALTER TABLE "deal_check_in" DROP CONSTRAINT "FK_a9675f514488b4c20650796146c"
        `);
    await queryRunner.query(`
            ALTER TABLE "deal" DROP CONSTRAINT "FK_b2985e3936b49f18ddf2783e135"
        `);
    await queryRunner.query(`
            ALTER TABLE "deal" DROP CONSTRAINT "FK_477520579937e893c390cac92a4"
        `);
    await queryRunner.query(`
            ALTER TABLE "deal" DROP CONSTRAINT "FK_4028105cf4fef4c98657a0607a0"
        `);
    await queryRunner.query(`
            ALTER TABLE "deal" DROP CONSTRAINT "FK_8f0be688a20c9e85aaa38f03851"
        `);
    await queryRunner.query(`
            ALTER TABLE "deal" DROP CONSTRAINT "FK_892fa1172b0656489fd14e5a3db"
        `);
    await queryRunner.query(`
            ALTER TABLE "deal" DROP CONSTRAINT "FK_320e61c7331d34d78197968ea5f"
        `);
    await queryRunner.query(`
            ALTER TABLE "intent" DROP CONSTRAINT "FK_e1c6f8804ede1a481c17627d9ed"
        `);
    await queryRunner.query(`
            ALTER TABLE "intent" DROP CONSTRAINT "FK_d461c54f27009a54466b1b1ead0"
        `);
    await queryRunner.query(`
            ALTER TABLE "intent" DROP CONSTRAINT "FK_9b30ac40920d3e183b5b8660259"
        `);
    await queryRunner.query(`
            ALTER TABLE "intent" DROP CONSTRAINT "FK_2f9d6fe9eeecd4bce9b6d3e6782"
        `);
    await queryRunner.query(`
            ALTER TABLE "intent" DROP CONSTRAINT "FK_01098d89eab354e89c26f89f976"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_follow_up_task_owner"
        `);
    await queryRunner.query(`
            DROP TABLE "follow_up_task"
        `);
    await queryRunner.query(`
            DROP TABLE "deal_check_in"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_deal_event"
        `);
    await queryRunner.query(`
            DROP TABLE "deal"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_intent_event"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_intent_user"
        `);
    await queryRunner.query(`
            DROP TABLE "intent"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_audit_entry_subject"
        `);
    await queryRunner.query(`
            DROP TABLE "audit_entry"
        `);
  }
}

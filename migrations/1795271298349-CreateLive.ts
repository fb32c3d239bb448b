import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateLive1795271298349 implements MigrationInterface {
  name = 'CreateLive1795271298349';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "live_session" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "event_id" uuid NOT NULL,
                "agenda_item_id" uuid,
                "status" character varying(10) NOT NULL DEFAULT 'live',
                "started_by_id" uuid NOT NULL,
                "started_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "ended_at" TIMESTAMP WITH TIME ZONE,
                "total_views" integer NOT NULL DEFAULT '0',
                "unique_viewers" integer NOT NULL DEFAULT '0',
                "peak_concurrent" integer NOT NULL DEFAULT '0',
                "watch_seconds" bigint NOT NULL DEFAULT '0',
                "hls_path" character varying(300),
                "recording_file" character varying(300),
                "recordings" text array NOT NULL DEFAULT '{}',
                CONSTRAINT "ck_live_session_ended" CHECK ((status = 'ended') = (ended_at IS NOT NULL)),
                CONSTRAINT "ck_live_session_status" CHECK (status IN ('live', 'ended')),
                CONSTRAINT "PK_8c12a79cfe5dac6c435df6024e1" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_live_session_event" ON "live_session" ("event_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_live_session_event_live" ON "live_session" ("event_id")
            WHERE status = 'live'
                AND agenda_item_id IS NULL
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_live_session_item_live" ON "live_session" ("agenda_item_id")
            WHERE status = 'live'
                AND agenda_item_id IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE TABLE "live_viewer" (
                "session_id" uuid NOT NULL,
                "viewer_id" character varying(80) NOT NULL,
                CONSTRAINT "PK_316f0815dd7815c0fae0c8e3415" PRIMARY KEY ("session_id", "viewer_id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "live_question" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "session_id" uuid NOT NULL,
                "user_id" uuid,
                "viewer_id" character varying(80) NOT NULL,
                "asker_name" character varying(100) NOT NULL,
                "text" character varying(500) NOT NULL,
                "status" character varying(10) NOT NULL DEFAULT 'pending',
                "answer" character varying(2000),
                "asked_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "moderated_at" TIMESTAMP WITH TIME ZONE,
                "answered_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "ck_live_question_status" CHECK (
                    status IN ('pending', 'approved', 'rejected', 'answered')
                ),
                CONSTRAINT "PK_f143c575f813442faa86dcb3a4d" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_live_question_session" ON "live_question" ("session_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "live_chat_message" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "session_id" uuid NOT NULL,
                "user_id" uuid,
                "viewer_id" character varying(80) NOT NULL,
                "name" character varying(100) NOT NULL,
                "text" character varying(500) NOT NULL,
                "sent_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_9b8292a3425e3e734701376c663" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_live_chat_message_session" ON "live_chat_message" ("session_id", "sent_at")
        `);
    await queryRunner.query(`
            ALTER TABLE "live_session"
            ADD CONSTRAINT "FK_6a01a3ef049f4bc6a2afd708551" FOREIGN KEY ("event_id") REFERENCES "event"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "live_session"
            ADD CONSTRAINT "FK_91f20b155b1ab60fcc8214a1630" FOREIGN KEY ("agenda_item_id") REFERENCES "agenda_item"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "live_session"
            ADD CONSTRAINT "FK_36471fa467bc4501d3127e62f63" FOREIGN KEY ("started_by_id") REFERENCES "user_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "live_viewer"
            ADD CONSTRAINT "FK_ac3880ade9d834711d2cff41b4e" FOREIGN KEY ("session_id") REFERENCES "live_session"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "live_question"
            ADD CONSTRAINT "FK_62b5aeec3ca043e0894208baea9" FOREIGN KEY ("session_id") REFERENCES "live_session"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "live_question"
            ADD CONSTRAINT "FK_a5576f5571aaecebdffb71cdc39" FOREIGN KEY ("user_id") REFERENCES "user_account"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "live_chat_message"
            ADD CONSTRAINT "FK_556e3e3ed1445ce4f7f0d12a8d8" FOREIGN KEY ("session_id") REFERENCES "live_session"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "live_chat_message"
            ADD CONSTRAINT "FK_4e1f14dea0f60be123046cd5e55" FOREIGN KEY ("user_id") REFERENCES "user_account"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "live_chat_message" DROP CONSTRAINT "FK_4e1f14dea0f60be123046cd5e55"
        `);
    await queryRunner.query(`
            ALTER TABLE "live_chat_message" DROP CONSTRAINT "FK_556e3e3ed1445ce4f7f0d12a8d8"
        `);
    await queryRunner.query(`
            ALTER TABLE "live_question" DROP CONSTRAINT "FK_a5576f5571aaecebdffb71cdc39"
        `);
    await queryRunner.query(`
            ALTER TABLE "live_question" DROP CONSTRAINT "FK_62b5aeec3ca043e0894208baea9"
        `);
    await queryRunner.query(`
            ALTER TABLE "live_viewer" DROP CONSTRAINT "FK_ac3880ade9d834711d2cff41b4e"
        `);
    await queryRunner.query(`
            ALTER TABLE "live_session" DROP CONSTRAINT "FK_36471fa467bc4501d3127e62f63"
        `);
    await queryRunner.query(`
            ALTER TABLE "live_session" DROP CONSTRAINT "FK_91f20b155b1ab60fcc8214a1630"
        `);
    await queryRunner.query(`
            ALTER TABLE "live_session" DROP CONSTRAINT "FK_6a01a3ef049f4bc6a2afd708551"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_live_chat_message_session"
        `);
    await queryRunner.query(`
            DROP TABLE "live_chat_message"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_live_question_session"
        `);
    await queryRunner.query(`
            DROP TABLE "live_question"
        `);
    await queryRunner.query(`
            DROP TABLE "live_viewer"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_live_session_item_live"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_live_session_event_live"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_live_session_event"
        `);
    await queryRunner.query(`
            DROP TABLE "live_session"
        `);
  }
}

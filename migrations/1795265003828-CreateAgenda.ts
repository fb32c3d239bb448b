import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAgenda1795265003828 implements MigrationInterface {
  name = 'CreateAgenda1795265003828';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Written by hand: the exclusion constraints compare uuids and text with =, which GiST learns
    // from btree_gist (a trusted extension: the database owner may create it).
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await queryRunner.query(`
            CREATE TABLE "agenda_presenter" (
                "item_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "ex_agenda_presenter_time" EXCLUDE USING gist (
                    user_id WITH =,
                    tstzrange(starts_at, ends_at) WITH &&
                ),
                CONSTRAINT "PK_1871bea07090a0ec7ffde4abecb" PRIMARY KEY ("item_id", "user_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_agenda_presenter_user" ON "agenda_presenter" ("user_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "agenda_item" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "event_id" uuid NOT NULL,
                "kind" character varying(20) NOT NULL,
                "title" character varying(200) NOT NULL,
                "description" text NOT NULL DEFAULT '',
                "room" character varying(100),
                "stream_url" character varying(500),
                "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "result_id" uuid,
                "position" integer,
                "place" character varying(200),
                "capacity" integer,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "uq_agenda_item_times" UNIQUE ("id", "starts_at", "ends_at"),
                CONSTRAINT "ck_agenda_item_capacity" CHECK (
                    capacity IS NULL
                    OR capacity > 0
                ),
                CONSTRAINT "ck_agenda_item_times" CHECK (ends_at > starts_at),
                CONSTRAINT "ck_agenda_item_kind" CHECK (
                    kind IN (
                        'opening',
                        'roadshow',
                        'panel',
                        'docking',
                        'signing_ceremony',
                        'break',
                        'visit_stop'
                    )
                ),
                CONSTRAINT "ex_agenda_item_room" EXCLUDE USING gist (
                    event_id WITH =,
                    room WITH =,
                    tstzrange(starts_at, ends_at) WITH &&
                )
                WHERE (room IS NOT NULL),
                    CONSTRAINT "PK_413623e61232799619c2e0a1d42" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_agenda_item_event" ON "agenda_item" ("event_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "event"
            ADD "agenda_published_at" TIMESTAMP WITH TIME ZONE
        `);
    await queryRunner.query(`
            ALTER TABLE "agenda_presenter"
            ADD CONSTRAINT "FK_27296b2120a202a22abb33d7c18" FOREIGN KEY ("item_id", "starts_at", "ends_at") REFERENCES "agenda_item"("id", "starts_at", "ends_at") ON DELETE CASCADE ON UPDATE CASCADE
        `);
    await queryRunner.query(`
            ALTER TABLE "agenda_presenter"
            ADD CONSTRAINT "FK_554584443c95b08523227f39bb2" FOREIGN KEY ("user_id") REFERENCES "user_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "agenda_item"
            ADD CONSTRAINT "FK_4b5c27dde385748a8d5ffdc23be" FOREIGN KEY ("event_id") REFERENCES "event"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "agenda_item"
            ADD CONSTRAINT "FK_c15d824d0cebb668aec5534878a" FOREIGN KEY ("result_id") REFERENCES "research_result"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "agenda_item" DROP CONSTRAINT "FK_c15d824d0cebb668aec5534878a"
        `);
    await queryRunner.query(`
            ALTER TABLE "agenda_item" DROP CONSTRAINT "FK_4b5c27dde385748a8d5ffdc23be"
        `);
    await queryRunner.query(`
            ALTER TABLE "agenda_presenter" DROP CONSTRAINT "FK_554584443c95b08523227f39bb2"
        `);
    await queryRunner.query(`
            ALTER TABLE "agenda_presenter" DROP CONSTRAINT "FK_27296b2120a202a22abb33d7c18"
        `);
    await queryRunner.query(`
            ALTER TABLE "event" DROP COLUMN "agenda_published_at"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_agenda_item_event"
        `);
    await queryRunner.query(`
            DROP TABLE "agenda_item"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_agenda_presenter_user"
        `);
    await queryRunner.query(`
            DROP TABLE "agenda_presenter"
        `);
  }
}

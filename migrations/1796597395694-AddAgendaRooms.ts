import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rooms as a list per event, one row per room however its name is spaced or typed, and the
 * overlap check on the room's id. The rooms typed so far become the list: names are tidied as
 * `roomName` does and matched as `roomKey` does (NFKC, no spaces, lower case). An item that
 * overlaps another of its room once twins are merged (the check was dodged by spacing) is moved
 * to a room of its own named "<name>（时间冲突，请核对）", so the organizers see it and nothing is lost.
 */
export class AddAgendaRooms1796597395694 implements MigrationInterface {
  name = 'AddAgendaRooms1796597395694';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "agenda_room" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "event_id" uuid NOT NULL,
                "name" character varying(100) NOT NULL,
                "name_key" character varying(100) NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "uq_agenda_room_name" UNIQUE ("event_id", "name_key"),
                CONSTRAINT "PK_f6713767a2135cb614724e9149d" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "agenda_room"
            ADD CONSTRAINT "FK_3707aa7450f9221160283d2fa88" FOREIGN KEY ("event_id") REFERENCES "event"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "agenda_item"
            ADD "room_id" uuid
        `);
    await queryRunner.query(`
            DO $$
            DECLARE
              item record;
              shown text;
              wanted uuid;
            BEGIN
              FOR item IN SELECT id, event_id, room, starts_at, ends_at FROM agenda_item
                           WHERE room IS NOT NULL ORDER BY event_id, starts_at, created_at LOOP
                shown := left(btrim(regexp_replace(normalize(item.room, NFKC), '\\s+', ' ', 'g')), 100);
                INSERT INTO agenda_room (event_id, name, name_key)
                VALUES (item.event_id, shown, lower(regexp_replace(shown, '\\s', '', 'g')))
                ON CONFLICT (event_id, name_key) DO NOTHING;
                SELECT id INTO wanted FROM agenda_room
                 WHERE event_id = item.event_id AND name_key = lower(regexp_replace(shown, '\\s', '', 'g'));
                IF EXISTS (SELECT 1 FROM agenda_item o
                            WHERE o.event_id = item.event_id AND o.room_id = wanted
                              AND tstzrange(o.starts_at, o.ends_at) && tstzrange(item.starts_at, item.ends_at)) THEN
                  shown := left(shown, 80) || '（时间冲突，请核对）';
                  INSERT INTO agenda_room (event_id, name, name_key)
                  VALUES (item.event_id, shown, lower(regexp_replace(shown, '\\s', '', 'g')))
                  ON CONFLICT (event_id, name_key) DO NOTHING;
                  SELECT id INTO wanted FROM agenda_room
                   WHERE event_id = item.event_id AND name_key = lower(regexp_replace(shown, '\\s', '', 'g'));
                END IF;
                UPDATE agenda_item SET room_id = wanted WHERE id = item.id;
              END LOOP;
            END $$
        `);
    await queryRunner.query(`
            ALTER TABLE "agenda_item" DROP CONSTRAINT "ex_agenda_item_room"
        `);
    await queryRunner.query(`
            ALTER TABLE "agenda_item" DROP COLUMN "room"
        `);
    await queryRunner.query(`
            ALTER TABLE "agenda_item"
            ADD CONSTRAINT "ex_agenda_item_room" EXCLUDE USING gist (
                event_id WITH =,
                room_id WITH =,
                tstzrange(starts_at, ends_at) WITH &&
            )
            WHERE (room_id IS NOT NULL)
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_agenda_item_room" ON "agenda_item" ("room_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "agenda_item"
            ADD CONSTRAINT "FK_8438d8b70f2bd803e089ae683e2" FOREIGN KEY ("room_id") REFERENCES "agenda_room"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "agenda_item" DROP CONSTRAINT "FK_8438d8b70f2bd803e089ae683e2"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_agenda_item_room"
        `);
    await queryRunner.query(`
            ALTER TABLE "agenda_item" DROP CONSTRAINT "ex_agenda_item_room"
        `);
    await queryRunner.query(`
            ALTER TABLE "agenda_item"
            ADD "room" character varying(100)
        `);
    await queryRunner.query(`
            UPDATE agenda_item i SET room = r.name FROM agenda_room r WHERE r.id = i.room_id
        `);
    await queryRunner.query(`
            ALTER TABLE "agenda_item" DROP COLUMN "room_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "agenda_item"
            ADD CONSTRAINT "ex_agenda_item_room" EXCLUDE USING gist (
                event_id WITH =,
                room WITH =,
                tstzrange(starts_at, ends_at) WITH &&
            )
            WHERE (room IS NOT NULL)
        `);
    await queryRunner.query(`
            DROP TABLE "agenda_room"
        `);
  }
}

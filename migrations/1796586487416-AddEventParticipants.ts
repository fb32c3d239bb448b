import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddEventParticipants1796586487416 implements MigrationInterface {
  name = 'AddEventParticipants1796586487416';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "event_participants" (
                "event_id" uuid NOT NULL,
                "institutions" bigint array NOT NULL,
                "enterprises" bigint array NOT NULL,
                "experts" bigint array NOT NULL,
                CONSTRAINT "PK_b5349807aae71193d0cc0f52e35" PRIMARY KEY ("event_id")
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "event_participants"
            ADD CONSTRAINT "FK_b5349807aae71193d0cc0f52e35" FOREIGN KEY ("event_id") REFERENCES "event"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    // Written by hand: the participants of the events compiled so far, as compiling writes them
    // (src/stats/figures-sql.ts, PARTICIPANTS_OF), so that roll-ups count them before the events
    // are compiled again. Anonymised events give what their rows still hold.
    await queryRunner.query(`
            INSERT INTO event_participants (event_id, institutions, enterprises, experts)
            SELECT r.event_id,
                   coalesce(array_agg(DISTINCT hashtextextended(o.name, 0))
                              FILTER (WHERE r.sector IN ('academia', 'research') AND o.name IS NOT NULL), '{}'),
                   coalesce(array_agg(DISTINCT hashtextextended(o.name, 0))
                              FILTER (WHERE r.sector = 'industry' AND o.name IS NOT NULL), '{}'),
                   coalesce(array_agg(DISTINCT hashtextextended(
                              coalesce(r.user_id::text, lower(r.email), r.mobile, r.id::text), 0))
                              FILTER (WHERE r.sector IN ('academia', 'research')), '{}')
              FROM registration r
              JOIN event_statistics s ON s.event_id = r.event_id
              CROSS JOIN LATERAL (SELECT lower(nullif(btrim(r.organization_name), '')) AS name) o
             WHERE r.status = 'confirmed' AND r.sector IN ('academia', 'research', 'industry')
             GROUP BY r.event_id
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "event_participants" DROP CONSTRAINT "FK_b5349807aae71193d0cc0f52e35"
        `);
    await queryRunner.query(`
            DROP TABLE "event_participants"
        `);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The places in an event's waiting line, counted in one statement: the function takes the line's
 * advisory lock alone (waiting for every registrant joining it to commit), then counts with a
 * snapshot taken after the lock (a VOLATILE function's statements each take their own), and the
 * statement's transaction ends at once. The lock is held for the count alone, never across a
 * round trip to a busy API process; joiners wait for no longer than that.
 */
export class AddLinePlacesFunction1796587903419 implements MigrationInterface {
  name = 'AddLinePlacesFunction1796587903419';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION registration_line_places(line_event uuid, asked bigint[])
        RETURNS TABLE (queue_number bigint, place int)
        LANGUAGE plpgsql VOLATILE AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtext('registration-line'), hashtext(line_event::text));
        RETURN QUERY
          SELECT line.queue_number, line.place FROM (
            SELECT r.queue_number, (row_number() OVER (ORDER BY r.queue_number))::int AS place
              FROM registration r
             WHERE r.event_id = line_event AND r.status = 'waitlisted') line
           WHERE line.queue_number = ANY(asked);
      END $$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION registration_line_places(uuid, bigint[])`);
  }
}

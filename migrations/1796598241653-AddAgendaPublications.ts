import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An event's agenda as last published, so that later changes are a draft until published again.
 * Agendas published before this are recorded at their first change (`AgendaService.keepPublished`).
 */
export class AddAgendaPublications1796598241653 implements MigrationInterface {
  name = 'AddAgendaPublications1796598241653';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "agenda_publication" (
                "event_id" uuid NOT NULL,
                "version" integer NOT NULL,
                "items" jsonb NOT NULL,
                "published_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_e1eb7fe7bf3440673fed0c65365" PRIMARY KEY ("event_id")
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "agenda_publication"
            ADD CONSTRAINT "FK_e1eb7fe7bf3440673fed0c65365" FOREIGN KEY ("event_id") REFERENCES "event"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "agenda_publication" DROP CONSTRAINT "FK_e1eb7fe7bf3440673fed0c65365"
        `);
    await queryRunner.query(`
            DROP TABLE "agenda_publication"
        `);
  }
}

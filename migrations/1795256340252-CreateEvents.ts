import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateEvents1795256340252 implements MigrationInterface {
  name = 'CreateEvents1795256340252';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "event_series" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "organization_id" uuid NOT NULL,
                "name" character varying(200) NOT NULL,
                "description" text NOT NULL DEFAULT '',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_9c68540164026e1a070a0a227f8" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_event_series_organization" ON "event_series" ("organization_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "event" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "series_id" uuid,
                "organization_id" uuid NOT NULL,
                "kind" character varying(20) NOT NULL,
                "format" character varying(10) NOT NULL,
                "visibility" character varying(12) NOT NULL,
                "status" character varying(20) NOT NULL DEFAULT 'draft',
                "title" character varying(200) NOT NULL,
                "summary" text NOT NULL DEFAULT '',
                "hosts" text array NOT NULL DEFAULT '{}',
                "co_organizers" text array NOT NULL DEFAULT '{}',
                "industry_fields" text array NOT NULL DEFAULT '{}',
                "venue_address" character varying(300),
                "venue_room" character varying(100),
                "stream_url" character varying(500),
                "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "time_zone" character varying(64) NOT NULL,
                "capacity" integer,
                "registration_opens_at" TIMESTAMP WITH TIME ZONE,
                "registration_closes_at" TIMESTAMP WITH TIME ZONE,
                "sector_quotas" jsonb NOT NULL DEFAULT '{}',
                "questions" jsonb NOT NULL DEFAULT '[]',
                "reminder_offsets_minutes" integer array NOT NULL DEFAULT '{1440,60}',
                "cancellation_reason" text,
                "created_by" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_event_registration_window" CHECK (
                    registration_opens_at IS NULL
                    OR registration_closes_at IS NULL
                    OR registration_opens_at < registration_closes_at
                ),
                CONSTRAINT "ck_event_capacity" CHECK (
                    capacity IS NULL
                    OR capacity > 0
                ),
                CONSTRAINT "ck_event_times" CHECK (ends_at > starts_at),
                CONSTRAINT "ck_event_status" CHECK (
                    status IN (
                        'draft',
                        'published',
                        'registration_open',
                        'registration_closed',
                        'live',
                        'concluded',
                        'archived',
                        'cancelled'
                    )
                ),
                CONSTRAINT "ck_event_visibility" CHECK (
                    visibility IN ('public', 'invite_only', 'closed_door')
                ),
                CONSTRAINT "ck_event_format" CHECK (format IN ('offline', 'online', 'hybrid')),
                CONSTRAINT "ck_event_kind" CHECK (
                    kind IN (
                        'roadshow',
                        'salon',
                        'cloud_docking',
                        'precise_docking',
                        'campus_visit',
                        'park_visit',
                        'challenge'
                    )
                ),
                CONSTRAINT "PK_30c2f3bbaf6d34a55f8ae6e4614" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_event_series" ON "event" ("series_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_event_organization" ON "event" ("organization_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_event_starts_at" ON "event" ("starts_at")
        `);
    await queryRunner.query(`
            ALTER TABLE "event_series"
            ADD CONSTRAINT "FK_877080cd3d73eb28db75884eacb" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "event"
            ADD CONSTRAINT "FK_9c68540164026e1a070a0a227f8" FOREIGN KEY ("series_id") REFERENCES "event_series"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "event"
            ADD CONSTRAINT "FK_f476008fe61c6e93f2fe8a3d124" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "event" DROP CONSTRAINT "FK_f476008fe61c6e93f2fe8a3d124"
        `);
    await queryRunner.query(`
            ALTER TABLE "event" DROP CONSTRAINT "FK_9c68540164026e1a070a0a227f8"
        `);
    await queryRunner.query(`
            ALTER TABLE "event_series" DROP CONSTRAINT "FK_877080cd3d73eb28db75884eacb"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_event_starts_at"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_event_organization"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_event_series"
        `);
    await queryRunner.query(`
            DROP TABLE "event"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_event_series_organization"
        `);
    await queryRunner.query(`
            DROP TABLE "event_series"
        `);
  }
}

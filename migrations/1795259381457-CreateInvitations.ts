import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateInvitations1795259381457 implements MigrationInterface {
  name = 'CreateInvitations1795259381457';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "invitation" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "event_id" uuid NOT NULL,
                "name" character varying(100) NOT NULL,
                "email" character varying(254) NOT NULL,
                "mobile" character varying(20),
                "organization_name" character varying(200),
                "sector" character varying(12) NOT NULL,
                "role" character varying(50),
                "locale" character varying(10) NOT NULL,
                "status" character varying(10) NOT NULL DEFAULT 'created',
                "registration_id" uuid,
                "opened_at" TIMESTAMP WITH TIME ZONE,
                "responded_at" TIMESTAMP WITH TIME ZONE,
                "created_by" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_invitation_email_lower" CHECK (email = lower(email)),
                CONSTRAINT "ck_invitation_sector" CHECK (
                    sector IN (
                        'government',
                        'industry',
                        'academia',
                        'research',
                        'finance',
                        'services',
                        'users'
                    )
                ),
                CONSTRAINT "ck_invitation_status" CHECK (
                    status IN (
                        'created',
                        'opened',
                        'accepted',
                        'declined',
                        'revoked'
                    )
                ),
                CONSTRAINT "PK_beb994737756c0f18a1c1f8669c" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_invitation_email" ON "invitation" ("event_id", "email")
        `);
    await queryRunner.query(`
            ALTER TABLE "invitation"
            ADD CONSTRAINT "FK_358de2217986d3ddec2d206cd57" FOREIGN KEY ("event_id") REFERENCES "event"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "invitation" DROP CONSTRAINT "FK_358de2217986d3ddec2d206cd57"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_invitation_email"
        `);
    await queryRunner.query(`
            DROP TABLE "invitation"
        `);
  }
}

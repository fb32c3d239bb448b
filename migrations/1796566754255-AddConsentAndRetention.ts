import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddConsentAndRetention1796566754255 implements MigrationInterface {
  name = 'AddConsentAndRetention1796566754255';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "consent" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "person_type" character varying(12) NOT NULL,
                "person_id" uuid NOT NULL,
                "purpose" character varying(20) NOT NULL,
                "scope" character varying(80),
                "notice_version" character varying(20) NOT NULL,
                "given_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "withdrawn_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "ck_consent_purpose" CHECK (purpose IN ('notice', 'share_contacts')),
                CONSTRAINT "ck_consent_person_type" CHECK (
                    person_type IN ('user', 'registration', 'invitation')
                ),
                CONSTRAINT "PK_9115e8d6b082d4fc46d56134d29" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_consent_person" ON "consent" ("person_type", "person_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "event"
            ADD "retention_months" integer
        `);
    await queryRunner.query(`
            ALTER TABLE "event"
            ADD "anonymised_at" TIMESTAMP WITH TIME ZONE
        `);
    await queryRunner.query(`
            ALTER TABLE "audit_entry"
            ADD "organization_id" uuid
        `);
    await queryRunner.query(`
            ALTER TABLE "audit_entry"
            ADD "people" integer
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_audit_entry_organization" ON "audit_entry" ("organization_id", "at")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."ix_audit_entry_organization"
        `);
    await queryRunner.query(`
            ALTER TABLE "audit_entry" DROP COLUMN "people"
        `);
    await queryRunner.query(`
            ALTER TABLE "audit_entry" DROP COLUMN "organization_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "event" DROP COLUMN "anonymised_at"
        `);
    await queryRunner.query(`
            ALTER TABLE "event" DROP COLUMN "retention_months"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_consent_person"
        `);
    await queryRunner.query(`
            DROP TABLE "consent"
        `);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateIdentityAndOutbox1795254247972 implements MigrationInterface {
  name = 'CreateIdentityAndOutbox1795254247972';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "organization" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "kind" character varying(20) NOT NULL,
                "name" character varying(200) NOT NULL,
                "region" character varying(100),
                "industry_fields" text array NOT NULL DEFAULT '{}',
                "credit_code" character varying(18),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_organization_kind" CHECK (
                    kind IN (
                        'university',
                        'institute',
                        'enterprise',
                        'government',
                        'finance',
                        'service_agency',
                        'park'
                    )
                ),
                CONSTRAINT "PK_472c1f99a32def1b0abb219cd67" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_organization_credit_code" ON "organization" ("credit_code")
            WHERE credit_code IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE TABLE "user_account" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "name" character varying(100) NOT NULL,
                "email" character varying(254) NOT NULL,
                "mobile" character varying(20),
                "password_hash" text NOT NULL,
                "locale" character varying(10) NOT NULL DEFAULT 'zh-CN',
                "roles" text array NOT NULL DEFAULT '{}',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_user_account_email_lower" CHECK (email = lower(email)),
                CONSTRAINT "ck_user_account_locale" CHECK (locale IN ('zh-CN', 'en')),
                CONSTRAINT "ck_user_account_roles" CHECK (
                    roles <@ ARRAY ['admin', 'organizer', 'expert', 'enterprise']::text []
                ),
                CONSTRAINT "PK_6acfec7285fdf9f463462de3e9f" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_user_account_email" ON "user_account" ("email")
        `);
    await queryRunner.query(`
            CREATE TABLE "membership" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "organization_id" uuid NOT NULL,
                "title" character varying(100),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_83c1afebef3059472e7c37e8de8" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_membership_organization" ON "membership" ("organization_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_membership_user_organization" ON "membership" ("user_id", "organization_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "session" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                "ip" character varying(64),
                "user_agent" character varying(300),
                CONSTRAINT "PK_f55da76ac1c3ac420f444d2ff11" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_session_user" ON "session" ("user_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "outbox_message" (
                "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
                "idempotency_key" character varying(200) NOT NULL,
                "channel" character varying(10) NOT NULL,
                "template" character varying(100) NOT NULL,
                "locale" character varying(10) NOT NULL,
                "recipient" character varying(254) NOT NULL,
                "data" jsonb NOT NULL DEFAULT '{}',
                "status" character varying(12) NOT NULL DEFAULT 'pending',
                "attempts" integer NOT NULL DEFAULT '0',
                "available_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "enqueued_at" TIMESTAMP WITH TIME ZONE,
                "lease_until" TIMESTAMP WITH TIME ZONE,
                "delivered_at" TIMESTAMP WITH TIME ZONE,
                "provider_message_id" character varying(300),
                "last_error" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_outbox_message_channel" CHECK (channel IN ('email')),
                CONSTRAINT "ck_outbox_message_status" CHECK (
                    status IN (
                        'pending',
                        'enqueued',
                        'sending',
                        'delivered',
                        'failed'
                    )
                ),
                CONSTRAINT "PK_2f36ee5236f2793f3e7bd554589" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_outbox_message_idempotency_key" ON "outbox_message" ("idempotency_key")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_outbox_message_due" ON "outbox_message" ("available_at")
            WHERE status IN ('pending', 'enqueued', 'sending')
        `);
    await queryRunner.query(`
            ALTER TABLE "membership"
            ADD CONSTRAINT "FK_e9c72e8d29784031c96f5c6af8d" FOREIGN KEY ("user_id") REFERENCES "user_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "membership"
            ADD CONSTRAINT "FK_412ffe9391a352e8a4e3dc46f6f" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "session"
            ADD CONSTRAINT "FK_30e98e8746699fb9af235410aff" FOREIGN KEY ("user_id") REFERENCES "user_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "session" DROP CONSTRAINT "FK_30e98e8746699fb9af235410aff"
        `);
    await queryRunner.query(`
            ALTER TABLE "membership" DROP CONSTRAINT "FK_412ffe9391a352e8a4e3dc46f6f"
        `);
    await queryRunner.query(`
            ALTER TABLE "membership" DROP CONSTRAINT "FK_e9c72e8d29784031c96f5c6af8d"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_outbox_message_due"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_outbox_message_idempotency_key"
        `);
    await queryRunner.query(`
            DROP TABLE "outbox_message"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_session_user"
        `);
    await queryRunner.query(`
            DROP TABLE "session"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_membership_user_organization"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_membership_organization"
        `);
    await queryRunner.query(`
            DROP TABLE "membership"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_user_account_email"
        `);
    await queryRunner.query(`
            DROP TABLE "user_account"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_organization_credit_code"
        `);
    await queryRunner.query(`
            DROP TABLE "organization"
        `);
  }
}

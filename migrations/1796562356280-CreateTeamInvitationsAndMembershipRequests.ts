import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateTeamInvitationsAndMembershipRequests1796562356280 implements MigrationInterface {
  name = 'CreateTeamInvitationsAndMembershipRequests1796562356280';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "membership_request" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "organization_id" uuid NOT NULL,
                "note" character varying(500),
                "status" character varying(10) NOT NULL DEFAULT 'pending',
                "reason" character varying(500),
                "decided_by" uuid,
                "decided_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_membership_request_status" CHECK (status IN ('pending', 'approved', 'rejected')),
                CONSTRAINT "PK_ab282071990a6efd6967ec4111f" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_membership_request_user" ON "membership_request" ("user_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_membership_request_organization" ON "membership_request" ("organization_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_membership_request_pending" ON "membership_request" ("user_id", "organization_id")
            WHERE status = 'pending'
        `);
    await queryRunner.query(`
            CREATE TABLE "team_invitation" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "organization_id" uuid NOT NULL,
                "email" character varying(254) NOT NULL,
                "role" character varying(20) NOT NULL,
                "token_hash" character(64) NOT NULL,
                "invited_by" uuid NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "accepted_by" uuid,
                "accepted_at" TIMESTAMP WITH TIME ZONE,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_team_invitation_accepted" CHECK (
                    (accepted_at IS NULL) = (accepted_by IS NULL)
                    AND (
                        accepted_at IS NULL
                        OR revoked_at IS NULL
                    )
                ),
                CONSTRAINT "ck_team_invitation_email_lower" CHECK (email = lower(email)),
                CONSTRAINT "ck_team_invitation_role" CHECK (
                    role IN (
                        'manager',
                        'staff',
                        'reviewer',
                        'viewer',
                        'member'
                    )
                ),
                CONSTRAINT "PK_c48efb7b43f421266fbc29298f2" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_team_invitation_token" ON "team_invitation" ("token_hash")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_team_invitation_open" ON "team_invitation" ("organization_id", "email")
            WHERE accepted_at IS NULL
                AND revoked_at IS NULL
        `);
    await queryRunner.query(`
            ALTER TABLE "membership_request"
            ADD CONSTRAINT "FK_659f8dbd9828973d2a18c9b2435" FOREIGN KEY ("user_id") REFERENCES "user_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "membership_request"
            ADD CONSTRAINT "FK_b4a64ce7cf3de5586fbc853c099" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "membership_request"
            ADD CONSTRAINT "FK_8670f9170d5bfd8c7a982f2ded5" FOREIGN KEY ("decided_by") REFERENCES "user_account"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "team_invitation"
            ADD CONSTRAINT "FK_b7142eba73ba608d7b0bc9e2f69" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "team_invitation"
            ADD CONSTRAINT "FK_ca462ab2b954b5b00a501332033" FOREIGN KEY ("invited_by") REFERENCES "user_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "team_invitation"
            ADD CONSTRAINT "FK_cec93dcbf8323b119ebd9333fdc" FOREIGN KEY ("accepted_by") REFERENCES "user_account"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "team_invitation" DROP CONSTRAINT "FK_cec93dcbf8323b119ebd9333fdc"
        `);
    await queryRunner.query(`
            ALTER TABLE "team_invitation" DROP CONSTRAINT "FK_ca462ab2b954b5b00a501332033"
        `);
    await queryRunner.query(`
            ALTER TABLE "team_invitation" DROP CONSTRAINT "FK_b7142eba73ba608d7b0bc9e2f69"
        `);
    await queryRunner.query(`
            ALTER TABLE "membership_request" DROP CONSTRAINT "FK_8670f9170d5bfd8c7a982f2ded5"
        `);
    await queryRunner.query(`
            ALTER TABLE "membership_request" DROP CONSTRAINT "FK_b4a64ce7cf3de5586fbc853c099"
        `);
    await queryRunner.query(`
            ALTER TABLE "membership_request" DROP CONSTRAINT "FK_659f8dbd9828973d2a18c9b2435"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_team_invitation_open"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_team_invitation_token"
        `);
    await queryRunner.query(`
            DROP TABLE "team_invitation"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_membership_request_pending"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_membership_request_organization"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_membership_request_user"
        `);
    await queryRunner.query(`
            DROP TABLE "membership_request"
        `);
  }
}

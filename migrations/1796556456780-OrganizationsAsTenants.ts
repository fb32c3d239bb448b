import { MigrationInterface, QueryRunner } from 'typeorm';

export class OrganizationsAsTenants1796556456780 implements MigrationInterface {
  name = 'OrganizationsAsTenants1796556456780';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "organization"
            ADD "parent_id" uuid
        `);
    await queryRunner.query(`
            ALTER TABLE "membership"
            ADD "role" character varying(20) NOT NULL DEFAULT 'member'
        `);
    // Until now an organizer managed the events of every organization they belonged to: they
    // keep that as its managers.
    await queryRunner.query(`
            UPDATE "membership" m SET "role" = 'manager'
              FROM "user_account" u
             WHERE u.id = m.user_id AND u.roles && ARRAY['organizer', 'admin']::text[]
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_organization_parent" ON "organization" ("parent_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "organization"
            ADD CONSTRAINT "ck_organization_parent" CHECK (parent_id <> id)
        `);
    await queryRunner.query(`
            ALTER TABLE "membership"
            ADD CONSTRAINT "ck_membership_role" CHECK (
                    role IN (
                        'manager',
                        'staff',
                        'reviewer',
                        'viewer',
                        'member'
                    )
                )
        `);
    await queryRunner.query(`
            ALTER TABLE "organization"
            ADD CONSTRAINT "FK_15acafd6698ac846c6b6a6a50ec" FOREIGN KEY ("parent_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "organization" DROP CONSTRAINT "FK_15acafd6698ac846c6b6a6a50ec"
        `);
    await queryRunner.query(`
            ALTER TABLE "membership" DROP CONSTRAINT "ck_membership_role"
        `);
    await queryRunner.query(`
            ALTER TABLE "organization" DROP CONSTRAINT "ck_organization_parent"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_organization_parent"
        `);
    await queryRunner.query(`
            ALTER TABLE "membership" DROP COLUMN "role"
        `);
    await queryRunner.query(`
            ALTER TABLE "organization" DROP COLUMN "parent_id"
        `);
  }
}

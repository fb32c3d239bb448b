import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCatalogAndMatches1795264218751 implements MigrationInterface {
  name = 'CreateCatalogAndMatches1795264218751';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "expert_profile" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "name" character varying(100) NOT NULL,
                "institution_id" uuid,
                "institution_name" character varying(200) NOT NULL,
                "title" character varying(100),
                "fields" text array NOT NULL DEFAULT '{}',
                "keywords" text array NOT NULL DEFAULT '{}',
                "biography" text NOT NULL DEFAULT '',
                "availability" character varying(12) NOT NULL DEFAULT 'available',
                "region" character varying(100),
                "search_vector" tsvector,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "REL_423a72032fbe00bb7efd2e168b" UNIQUE ("user_id"),
                CONSTRAINT "ck_expert_profile_availability" CHECK (
                    availability IN ('available', 'limited', 'unavailable')
                ),
                CONSTRAINT "PK_315fa265842b363b7abbc73ca2e" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_expert_profile_user" ON "expert_profile" ("user_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "research_result" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "owner_id" uuid NOT NULL,
                "institution_id" uuid,
                "institution_name" character varying(200) NOT NULL,
                "title" character varying(200) NOT NULL,
                "summary" character varying(500) NOT NULL,
                "description" text NOT NULL DEFAULT '',
                "fields" text array NOT NULL DEFAULT '{}',
                "keywords" text array NOT NULL DEFAULT '{}',
                "readiness_level" smallint NOT NULL,
                "patents" jsonb NOT NULL DEFAULT '[]',
                "cooperation_modes" text array NOT NULL DEFAULT '{}',
                "asking_price_min_fen" bigint,
                "asking_price_max_fen" bigint,
                "team" jsonb NOT NULL DEFAULT '[]',
                "attachments" jsonb NOT NULL DEFAULT '[]',
                "region" character varying(100),
                "published" boolean NOT NULL DEFAULT false,
                "published_at" TIMESTAMP WITH TIME ZONE,
                "search_vector" tsvector,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_research_result_cooperation_modes" CHECK (
                    cooperation_modes <@ ARRAY ['transfer', 'license', 'joint_development', 'equity', 'technical_service']::text []
                ),
                CONSTRAINT "ck_research_result_price" CHECK (
                    asking_price_min_fen >= 0
                    AND asking_price_min_fen <= asking_price_max_fen
                ),
                CONSTRAINT "ck_research_result_readiness" CHECK (
                    readiness_level BETWEEN 1 AND 9
                ),
                CONSTRAINT "PK_971a0762800231f723cf0d9c496" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_research_result_owner" ON "research_result" ("owner_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "technical_need" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "owner_id" uuid NOT NULL,
                "enterprise_id" uuid,
                "enterprise_name" character varying(200) NOT NULL,
                "title" character varying(200) NOT NULL,
                "description" text NOT NULL DEFAULT '',
                "fields" text array NOT NULL DEFAULT '{}',
                "keywords" text array NOT NULL DEFAULT '{}',
                "budget_min_fen" bigint,
                "budget_max_fen" bigint,
                "deadline" date,
                "confidentiality" character varying(20) NOT NULL DEFAULT 'public',
                "region" character varying(100),
                "published" boolean NOT NULL DEFAULT false,
                "published_at" TIMESTAMP WITH TIME ZONE,
                "search_vector" tsvector,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_technical_need_budget" CHECK (
                    budget_min_fen >= 0
                    AND budget_min_fen <= budget_max_fen
                ),
                CONSTRAINT "ck_technical_need_confidentiality" CHECK (
                    confidentiality IN ('public', 'matched_only', 'organizers_only')
                ),
                CONSTRAINT "PK_8272608f8fdad38216b9f016dcb" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_technical_need_owner" ON "technical_need" ("owner_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "match" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "need_id" uuid NOT NULL,
                "result_id" uuid,
                "expert_id" uuid,
                "decision" character varying(12) NOT NULL,
                "score" real NOT NULL,
                "reasons" jsonb NOT NULL,
                "decided_by" uuid NOT NULL,
                "decided_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_match_one_candidate" CHECK (num_nonnulls(result_id, expert_id) = 1),
                CONSTRAINT "ck_match_decision" CHECK (decision IN ('confirmed', 'rejected')),
                CONSTRAINT "PK_92b6c3a6631dd5b24a67c69f69d" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_match_result" ON "match" ("result_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_match_expert" ON "match" ("expert_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_match_need_expert" ON "match" ("need_id", "expert_id")
            WHERE expert_id IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_match_need_result" ON "match" ("need_id", "result_id")
            WHERE result_id IS NOT NULL
        `);
    await queryRunner.query(`
            ALTER TABLE "expert_profile"
            ADD CONSTRAINT "FK_423a72032fbe00bb7efd2e168b1" FOREIGN KEY ("user_id") REFERENCES "user_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "expert_profile"
            ADD CONSTRAINT "FK_e4c49450f6211551e93f3bc5f59" FOREIGN KEY ("institution_id") REFERENCES "organization"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "research_result"
            ADD CONSTRAINT "FK_d8098c10cf7061b9d076d4ea191" FOREIGN KEY ("owner_id") REFERENCES "user_account"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "research_result"
            ADD CONSTRAINT "FK_293375f1039af80a0bafd1293e3" FOREIGN KEY ("institution_id") REFERENCES "organization"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "technical_need"
            ADD CONSTRAINT "FK_34c08eb47c3a48fc809f077dfcf" FOREIGN KEY ("owner_id") REFERENCES "user_account"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "technical_need"
            ADD CONSTRAINT "FK_a07bb0dc982a85636b96a249b23" FOREIGN KEY ("enterprise_id") REFERENCES "organization"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "match"
            ADD CONSTRAINT "FK_8849058f4733e28abc5c9976880" FOREIGN KEY ("need_id") REFERENCES "technical_need"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "match"
            ADD CONSTRAINT "FK_a4450d3f8956bd21c5c916ff273" FOREIGN KEY ("result_id") REFERENCES "research_result"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "match"
            ADD CONSTRAINT "FK_32fff5ac31ace1844d4090c8287" FOREIGN KEY ("expert_id") REFERENCES "expert_profile"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    // Written by hand: TypeORM does not generate GIN indexes (their entities say synchronize: false).
    for (const table of ['research_result', 'technical_need', 'expert_profile']) {
      await queryRunner.query(
        `CREATE INDEX "ix_${table}_search" ON "${table}" USING gin ("search_vector")`,
      );
      await queryRunner.query(
        `CREATE INDEX "ix_${table}_fields" ON "${table}" USING gin ("fields")`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['research_result', 'technical_need', 'expert_profile']) {
      await queryRunner.query(`DROP INDEX "public"."ix_${table}_search"`);
      await queryRunner.query(`DROP INDEX "public"."ix_${table}_fields"`);
    }
    await queryRunner.query(`
            ALTER TABLE "match" DROP CONSTRAINT "FK_32fff5ac31ace1844d4090c8287"
        `);
    await queryRunner.query(`
            ALTER TABLE "match" DROP CONSTRAINT "FK_a4450d3f8956bd21c5c916ff273"
        `);
    await queryRunner.query(`
            ALTER TABLE "match" DROP CONSTRAINT "FK_8849058f4733e28abc5c9976880"
        `);
    await queryRunner.query(`
            ALTER TABLE "technical_need" DROP CONSTRAINT "FK_a07bb0dc982a85636b96a249b23"
        `);
    await queryRunner.query(`
            ALTER TABLE "technical_need" DROP CONSTRAINT "FK_34c08eb47c3a48fc809f077dfcf"
        `);
    await queryRunner.query(`
            ALTER TABLE "research_result" DROP CONSTRAINT "FK_293375f1039af80a0bafd1293e3"
        `);
    await queryRunner.query(`
            ALTER TABLE "research_result" DROP CONSTRAINT "FK_d8098c10cf7061b9d076d4ea191"
        `);
    await queryRunner.query(`
            ALTER TABLE "expert_profile" DROP CONSTRAINT "FK_e4c49450f6211551e93f3bc5f59"
        `);
    await queryRunner.query(`
            ALTER TABLE "expert_profile" DROP CONSTRAINT "FK_423a72032fbe00bb7efd2e168b1"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_match_need_result"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_match_need_expert"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_match_expert"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_match_result"
        `);
    await queryRunner.query(`
            DROP TABLE "match"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_technical_need_owner"
        `);
    await queryRunner.query(`
            DROP TABLE "technical_need"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_research_result_owner"
        `);
    await queryRunner.query(`
            DROP TABLE "research_result"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_expert_profile_user"
        `);
    await queryRunner.query(`
            DROP TABLE "expert_profile"
        `);
  }
}

import { DataSource } from 'typeorm';
import { dataSourceOptions } from 'src/database/data-source';
import { testConfig } from 'test/support/app';
import { resetState } from 'test/support/state';

// Fails `npm test` when an entity changed without a migration, and prints what is missing.

const HOW = '请生成迁移 / Generate a migration: npm run migration:generate -- <PascalVerbNoun>';

describe('schema: entities and migrations agree', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    await resetState();
    dataSource = new DataSource(dataSourceOptions(testConfig()));
    await dataSource.initialize();
  });
  afterAll(() => dataSource.destroy());

  it('finds no table, column, index or key to change after the migrations ran', async () => {
    const pending = await dataSource.driver.createSchemaBuilder().log();
    const statements = pending.upQueries.map((q) => q.query);
    if (statements.length > 0) {
      throw new Error(
        `实体与迁移不一致 / The entities and the migrations disagree. ${HOW}\n` +
          `It would run:\n${statements.map((s) => `  ${s};`).join('\n')}`,
      );
    }
    expect(statements).toEqual([]);
  });

  // TypeORM's comparison does not look into CHECK expressions: each entity's check is normalized by
  // PostgreSQL on a scratch copy of its table and compared with the migrated one.
  it('has every CHECK constraint of the entities, with the same expression', async () => {
    const differences: string[] = [];
    for (const entity of dataSource.entityMetadatas) {
      for (const check of entity.checks) {
        const runner = dataSource.createQueryRunner();
        try {
          await runner.startTransaction();
          await runner.query(`CREATE TEMP TABLE scratch (LIKE "${entity.tableName}")`);
          await runner.query(
            `ALTER TABLE scratch ADD CONSTRAINT scratch_check CHECK (${check.expression})`,
          );
          const [expected] = (await runner.query(
            `SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conname = 'scratch_check'`,
          )) as { def: string }[];
          const [actual] = (await runner.query(
            `SELECT pg_get_constraintdef(c.oid) AS def FROM pg_constraint c
               JOIN pg_class t ON t.oid = c.conrelid
              WHERE t.relname = $1 AND c.conname = $2`,
            [entity.tableName, check.name],
          )) as { def: string }[];
          if (actual?.def !== expected.def) {
            differences.push(
              `${entity.tableName}.${check.name}: entity ${expected.def}, database ${actual?.def ?? 'missing'}`,
            );
          }
        } finally {
          await runner.rollbackTransaction();
          await runner.release();
        }
      }
    }
    if (differences.length > 0) {
      throw new Error(
        'CHECK 约束与迁移不一致 / CHECK constraints differ. TypeORM 不会生成 CHECK 的变更，请在新迁移中 DROP 再 ADD 该约束 / ' +
          `TypeORM does not generate CHECK changes: DROP and ADD the constraint in a new migration.\n  ${differences.join('\n  ')}`,
      );
    }
    expect(differences).toEqual([]);
  });
});

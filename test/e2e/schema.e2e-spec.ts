import { DataSource } from 'typeorm';
import { dataSourceOptions } from 'src/database/data-source';
import { testConfig } from 'test/support/app';
import { resetState } from 'test/support/state';

// Fails `npm test` when an entity changed without a migration, and prints the SQL it would need.
describe('schema: entities and migrations agree', () => {
  beforeAll(() => resetState());

  it('finds nothing to change after the migrations ran', async () => {
    const dataSource = new DataSource(dataSourceOptions(testConfig()));
    await dataSource.initialize();
    try {
      const pending = await dataSource.driver.createSchemaBuilder().log();
      const statements = pending.upQueries.map((q) => q.query);
      if (statements.length > 0) {
        throw new Error(
          '实体与迁移不一致 / The entities and the migrations disagree. 请生成迁移 / Generate a migration:\n' +
            '  npm run migration:generate -- <PascalVerbNoun>\n' +
            `It would run:\n${statements.map((s) => `  ${s};`).join('\n')}`,
        );
      }
      expect(statements).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  });
});

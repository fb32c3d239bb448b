// npm run catalog:reindex
// Recomputes the segmented words of every research result, technical need and expert profile,
// e.g. after an upgrade changed the segmentation or the stop words. Safe to run at any time.
import { DataSource } from 'typeorm';
import { IndexedTable, reindexAll } from 'src/catalog/catalog-index';
import { runWithApp } from 'scripts/app-context';

const TABLES: IndexedTable[] = ['research_result', 'technical_need', 'expert_profile'];

runWithApp(async (app) => {
  for (const table of TABLES) {
    const started = Date.now();
    const rows = await reindexAll(app.get(DataSource), table, (done) =>
      process.stdout.write(`\r${table}: ${done} …`),
    );
    console.log(`\r${table}: ${rows} 行已重建索引 / rows reindexed in ${Date.now() - started} ms`);
  }
});

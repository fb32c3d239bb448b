import { DataSource } from 'typeorm';
import { configFromEnvironment } from 'src/config/config.module';
import { dataSourceOptions } from 'src/database/data-source';

/** The DataSource the TypeORM CLI loads (`npm run migration:*`). */
export default new DataSource(dataSourceOptions(configFromEnvironment()));

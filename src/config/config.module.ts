import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig, loadConfig } from 'src/config/config';

/** Injection token of the validated config. */
export const APP_CONFIG = Symbol('APP_CONFIG');

/** The only read of the environment: entry points call it once and hand the config to Nest. */
export function configFromEnvironment(): AppConfig {
  return loadConfig(process.env);
}

@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: APP_CONFIG, useValue: config }],
      exports: [APP_CONFIG],
    };
  }
}

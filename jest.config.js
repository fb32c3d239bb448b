// Unit tests beside the code (src/**/*.spec.ts); end-to-end tests against the real PostgreSQL and
// Redis (test/e2e), each Jest worker on its own database and Redis key prefix.
const transform = {
  '^.+\\.ts$': [
    'ts-jest',
    {
      tsconfig: 'tsconfig.json',
      diagnostics: false, // `npm run typecheck` checks types once for the whole tree
      astTransformers: { before: ['<rootDir>/test/support/swagger-transformer.js'] },
    },
  ],
};
const common = {
  rootDir: __dirname,
  transform,
  modulePaths: ['<rootDir>'],
  testEnvironment: 'node',
};

module.exports = {
  testTimeout: 60_000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      setupFiles: ['<rootDir>/test/support/env.ts'],
    },
  ],
};

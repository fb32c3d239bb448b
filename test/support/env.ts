// Runs in every Jest worker before its test files: its own database and Redis key prefix.
import { DEFAULT_DATABASE_URL, databaseUrl, TEST_RUN } from 'test/support/test-env';

const worker = process.env.JEST_WORKER_ID ?? '1';
process.env.NODE_ENV = 'test';
process.env.DATABASE_URL = databaseUrl(
  process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL,
  `duijie_test${TEST_RUN}_${worker}`,
);
process.env.REDIS_PREFIX = `duijie-test${TEST_RUN}-${worker}`;
process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? 'silent';
process.env.SMTP_URL = 'log:';
process.env.PUBLIC_URL = 'http://duijie.test';
// Suites register many guests and sign up many people from the one test address; the abuse
// suite sets the real limits for the apps it starts.
process.env.SIGN_UPS_PER_ADDRESS ??= '1000000';
process.env.GUEST_REGISTRATIONS_PER_ADDRESS ??= '1000000';
process.env.GUEST_REGISTRATIONS_PER_CONTACT ??= '1000000';
process.env.IMPORTS_PER_ACCOUNT ??= '1000000';
process.env.IMPORTS_PER_ADDRESS ??= '1000000';

import { ConfigError, describeUrl, loadConfig } from 'src/config/config';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('loadConfig', () => {
  it('needs no variables at all in development', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      env: 'development',
      port: 3000,
      publicUrl: 'http://localhost:3000',
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/duijie',
      redisUrl: 'redis://127.0.0.1:6379',
      smtpUrl: 'log:',
      defaultLocale: 'zh-CN',
      defaultTimeZone: 'Asia/Shanghai',
    });
  });

  it('reads and converts every variable', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      PORT: '8080',
      PUBLIC_URL: 'https://duijie.example.cn/',
      DATABASE_URL: 'postgresql://app:pw@db:5432/duijie',
      REDIS_URL: 'redis://cache:6379',
      JWT_SECRET: 'x'.repeat(40),
      SMTP_URL: 'smtps://user:pw@mail.example.cn:465',
      DEFAULT_LOCALE: 'en',
      DEFAULT_TIME_ZONE: 'Europe/Berlin',
      LOGIN_MAX_ATTEMPTS: '5',
    });
    expect(config.port).toBe(8080);
    expect(config.publicUrl).toBe('https://duijie.example.cn');
    expect(config.defaultLocale).toBe('en');
    expect(config.login.maxAttempts).toBe(5);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it.each([
    [
      { PORT: 'abc' },
      'PORT: 必须是 1–65535 之间的整数 / must be an integer from 1 to 65535 (got "abc")',
    ],
    [
      { PORT: '70000' },
      'PORT: 必须是 1–65535 之间的整数 / must be an integer from 1 to 65535 (got "70000")',
    ],
    [
      { DATABASE_URL: 'mysql://x/y' },
      'DATABASE_URL: 必须是 postgres: / postgresql: 地址 / must be a postgres: or postgresql: URL (got "mysql://x/y")',
    ],
    [
      { REDIS_URL: 'not a url' },
      'REDIS_URL: 必须是 redis: / rediss: 地址 / must be a redis: or rediss: URL (got "not a url")',
    ],
    [
      { DEFAULT_LOCALE: 'fr' },
      'DEFAULT_LOCALE: 必须是其中之一 / must be one of zh-CN, en (got "fr")',
    ],
    [
      { DEFAULT_TIME_ZONE: 'Mars/Olympus' },
      'DEFAULT_TIME_ZONE: 不是有效的 IANA 时区 / is not an IANA time zone (got "Mars/Olympus")',
    ],
    [
      { REDIS_PREFIX: 'a:b' },
      'REDIS_PREFIX: 格式应为 / must be 1–40 letters, digits, _ or - (got "a:b")',
    ],
  ])('names the variable and the reason: %j', (env, problem) => {
    expect(problemsOf(env)).toEqual([problem]);
  });

  it('lists every problem at once', () => {
    expect(problemsOf({ PORT: 'x', LOG_LEVEL: 'loud', OUTBOX_POLL_MS: '-1' })).toHaveLength(3);
  });

  it('requires a real secret and an SMTP server in production', () => {
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual([
      'JWT_SECRET: 必须设置 / is required',
      'SMTP_URL: 必须设置 / is required',
    ]);
    expect(
      problemsOf({ NODE_ENV: 'production', JWT_SECRET: 'short', SMTP_URL: 'smtp://m' }),
    ).toEqual([
      'JWT_SECRET: 生产环境至少 32 个字符 / must be at least 32 characters in production',
    ]);
  });

  it('formats one readable line per problem', () => {
    expect(new ConfigError(['A: bad', 'B: worse']).message).toBe(
      '配置错误 / Configuration error:\n  - A: bad\n  - B: worse',
    );
  });
});

describe('describeUrl', () => {
  it('hides the password', () => {
    expect(describeUrl('postgres://app:secret@db:5432/duijie')).toBe(
      'postgres://app@db:5432/duijie',
    );
  });
});

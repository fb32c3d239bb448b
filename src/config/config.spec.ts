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
      LINK_TOKEN_SECRET: 'y'.repeat(40),
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

  it("allows PUBLIC_URL's origin and the listed ones, refusing what is not an origin", () => {
    const config = loadConfig({
      PUBLIC_URL: 'https://duijie.example.cn/base/',
      ALLOWED_ORIGINS: 'https://admin.example.cn:8443/, http://localhost:5173',
    });
    expect(config.allowedOrigins).toEqual([
      'https://duijie.example.cn',
      'https://admin.example.cn:8443',
      'http://localhost:5173',
    ]);
    expect(problemsOf({ ALLOWED_ORIGINS: 'ftp://files.example.cn' })).toEqual([
      expect.stringContaining('ALLOWED_ORIGINS'),
    ]);
  });

  it('trusts no proxy by default, and the listed addresses, CIDRs and ranges when told', () => {
    expect(loadConfig({}).trustProxy).toEqual([]);
    expect(
      loadConfig({ TRUST_PROXY: '10.0.0.5, 10.1.0.0/16,fd00::/8,loopback' }).trustProxy,
    ).toEqual(['10.0.0.5', '10.1.0.0/16', 'fd00::/8', 'loopback']);
    expect(problemsOf({ TRUST_PROXY: 'true,10.0.0.0/33,lb.example.cn' })).toEqual([
      'TRUST_PROXY: 不是地址或 CIDR / is not an address or CIDR (got "true")',
      'TRUST_PROXY: 不是地址或 CIDR / is not an address or CIDR (got "10.0.0.0/33")',
      'TRUST_PROXY: 不是地址或 CIDR / is not an address or CIDR (got "lb.example.cn")',
    ]);
  });

  it('reads the timeouts, the metrics token and the limits, with safe defaults', () => {
    const defaults = loadConfig({});
    expect(defaults.http).toEqual({ requestTimeoutMs: 60_000, connectionTimeoutMs: 120_000 });
    expect(defaults.database).toEqual({
      statementTimeoutMs: 15_000,
      jobStatementTimeoutMs: 300_000,
    });
    expect(defaults.metricsToken).toBeNull();
    expect(defaults.login).toMatchObject({
      maxAttempts: 10,
      maxPerAddress: 100,
      maxPerAccount: 50,
    });
    expect(defaults.registrationHoldMinutes).toBe(30);
    const set = loadConfig({ METRICS_TOKEN: 'scrape-me', DB_STATEMENT_TIMEOUT_MS: '5000' });
    expect(set.metricsToken).toBe('scrape-me');
    expect(set.database.statementTimeoutMs).toBe(5000);
  });

  it('lists every problem at once', () => {
    expect(problemsOf({ PORT: 'x', LOG_LEVEL: 'loud', OUTBOX_POLL_MS: '-1' })).toHaveLength(3);
  });

  it('requires a real secret and an SMTP server in production', () => {
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual([
      'JWT_SECRET: 必须设置 / is required',
      'SMTP_URL: 必须设置 / is required',
      'LINK_TOKEN_SECRET: 必须设置 / is required',
    ]);
    expect(
      problemsOf({
        NODE_ENV: 'production',
        PUBLIC_URL: 'http://duijie.example.cn',
        JWT_SECRET: 'x'.repeat(40),
        LINK_TOKEN_SECRET: 'y'.repeat(40),
        SMTP_URL: 'smtp://m',
      }),
    ).toEqual([
      'PUBLIC_URL: 生产环境必须是 https 地址 / must be an https URL in production (got "http://duijie.example.cn")',
    ]);
    expect(
      problemsOf({
        NODE_ENV: 'production',
        PUBLIC_URL: 'https://duijie.example.cn',
        JWT_SECRET: 'short',
        LINK_TOKEN_SECRET: 'short too',
        SMTP_URL: 'smtp://m',
      }),
    ).toEqual([
      'JWT_SECRET: 生产环境至少 32 个字符 / must be at least 32 characters in production',
      'LINK_TOKEN_SECRET: 生产环境至少 32 个字符 / must be at least 32 characters in production',
    ]);
    expect(
      problemsOf({
        NODE_ENV: 'production',
        PUBLIC_URL: 'https://duijie.example.cn',
        JWT_SECRET: 'x'.repeat(40),
        LINK_TOKEN_SECRET: 'x'.repeat(40),
        SMTP_URL: 'smtp://m',
      }),
    ).toEqual(['LINK_TOKEN_SECRET: 不能与 JWT_SECRET 相同 / must differ from JWT_SECRET']);
  });

  it('accepts this machine’s own address over http in production, and lists a bad one as problems (no crash)', () => {
    const production = {
      NODE_ENV: 'production',
      JWT_SECRET: 'x'.repeat(40),
      LINK_TOKEN_SECRET: 'y'.repeat(40),
      SMTP_URL: 'smtp://m',
    };
    expect(problemsOf({ ...production, PUBLIC_URL: 'http://localhost:3000' })).toEqual([]);
    expect(problemsOf({ ...production, PUBLIC_URL: 'not a url' })).toHaveLength(3);
  });

  it('signs links with their own secret: derived in development, the previous one kept while rotating', () => {
    const dev = loadConfig({});
    expect(dev.linkTokens.current).toHaveLength(43);
    expect(dev.linkTokens.current).not.toBe(dev.jwtSecret);
    expect(dev.linkTokens.previous).toBeNull();
    const rotating = loadConfig({ LINK_TOKEN_SECRET: 'new', LINK_TOKEN_SECRET_PREVIOUS: 'old' });
    expect(rotating.linkTokens).toEqual({ current: 'new', previous: 'old' });
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

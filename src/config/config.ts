import { availableParallelism } from 'node:os';
import {
  allowedOrigins,
  derivedLinkSecret,
  Env,
  EnvReader,
  isLoopback,
  trustedProxies,
} from 'src/config/env-reader';

/**
 * The one place that reads the environment. `loadConfig` is pure: it turns an environment into a
 * typed, frozen config or lists every problem at once, so a bad deployment is fixed in one go.
 */
export type Locale = 'zh-CN' | 'en';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

export interface AppConfig {
  env: 'development' | 'test' | 'production';
  host: string;
  port: number;
  publicUrl: string;
  /** Origins allowed to send state-changing requests and open the live socket: PUBLIC_URL's origin and ALLOWED_ORIGINS. */
  allowedOrigins: readonly string[];
  databaseUrl: string;
  redisUrl: string;
  /** Prefix of every Redis key (BullMQ queues, counters): lets several deployments or test workers share one Redis. */
  redisPrefix: string;
  jwtSecret: string;
  jwtTtlSeconds: number;
  /**
   * Signs the links that act without an account (registration, invitation, calendar feed, HLS):
   * `current` signs, `previous` (while rotating) is still accepted. Not the session secret, so
   * rotating one leaves the other alone.
   */
  linkTokens: { current: string; previous: string | null };
  /** `smtp://…` or `smtps://…`; `log:` records messages in the log instead of sending them (development). */
  smtpUrl: string;
  mailFrom: string;
  /** `log:` records text messages in the log (development); an https URL sends them to the gateway. */
  sms: { url: string; key: string; secret: string; sign: string };
  defaultLocale: Locale;
  defaultTimeZone: string;
  /** The Chromium that prints reports to PDF; the API starts without it (a PDF is then 503). */
  chromiumPath: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** The proxies whose X-Forwarded-For is believed (addresses or CIDRs); empty: the socket's address is the client's. */
  trustProxy: readonly string[];
  /** Seconds a whole request may take to arrive, and a connection may stay idle (0: no limit). */
  http: { requestTimeoutMs: number; connectionTimeoutMs: number };
  /** PostgreSQL's statement_timeout for the API's statements and for the worker's jobs. */
  database: { statementTimeoutMs: number; jobStatementTimeoutMs: number };
  /** The bearer token `/metrics` asks for; null: `/metrics` is open outside production, off in it. */
  metricsToken: string | null;
  login: {
    /** Failed sign-ins for one account from one address in the window. */
    maxAttempts: number;
    windowSeconds: number;
    /** Sign-ins from one address across accounts in the window. */
    maxPerAddress: number;
    /** Failed sign-ins for one account across addresses, refused only to addresses it never signed in from. */
    maxPerAccount: number;
  };
  /** Per-address and per-account limits in an hour (guests, sign-ups, imports). */
  limits: {
    signUpsPerAddress: number;
    guestRegistrationsPerAddress: number;
    guestRegistrationsPerContact: number;
    importsPerAccount: number;
    importsPerAddress: number;
  };
  /** Minutes a guest's seat is held awaiting their confirmation, where an event asks for one. */
  registrationHoldMinutes: number;
  /** Days before an event at which invitees who have not answered are reminded; 0 for never. */
  invitationReminderDays: number;
  /** Days an invitee's seat is kept for them, where the event holds invitees' seats. */
  invitationSeatHoldDays: number;
  /** Days without contact after which a deal's or an intent's owner is reminded. */
  followUpNoContactDays: number;
  /** Months after an event ends before its people's personal data is anonymised (an event may say otherwise). */
  retentionMonths: number;
  outbox: {
    pollMs: number;
    /** A relayed message whose job has not run after this long is relayed again (e.g. Redis was emptied). */
    requeueAfterSeconds: number;
    /** How long a worker may hold a message it is sending before another may take it over. */
    leaseSeconds: number;
    maxAttempts: number;
  };
  queue: { lockSeconds: number; concurrency: number };
  /** Spreadsheet imports (results, needs, invitee lists): refused above these, run as jobs below. */
  imports: {
    /** Rows a file may hold (its header not counted). */
    maxRows: number;
    /** Bytes a file may have. */
    maxBytes: number;
    /** Refused rows' problems kept on an import for its report; the total is counted beyond. */
    maxErrors: number;
  };
  live: {
    /** mediasoup workers in each API process (one per core by default). */
    workers: number;
    /** Consumers a worker takes before viewers are spread to another worker's router. */
    consumerBudget: number;
    /** The address WebRTC transports listen on, and the one announced to browsers (behind NAT). */
    listenIp: string;
    announcedAddress: string | null;
    rtcMinPort: number;
    rtcMaxPort: number;
    /** Where the HLS relay writes its playlists (served under /live/hls) and recordings go. */
    hlsDir: string;
    recordingsDir: string;
    ffmpegPath: string;
    /** The largest signalling message; a longer frame closes the socket before it is read. */
    maxMessageBytes: number;
    /** Signalling sockets one address may hold open in one API process. */
    connectionsPerAddress: number;
    /** Per minute: chat lines, questions and intents of one person or guest (across their sockets). */
    chatPerMinute: number;
    questionsPerMinute: number;
    intentsPerMinute: number;
    /** Per minute: chat lines, questions and intents together from one address (everyone behind it). */
    speechPerAddressPerMinute: number;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(['配置错误 / Configuration error:', ...problems.map((p) => `  - ${p}`)].join('\n'));
  }
}

const DEV_JWT_SECRET = 'duijie-development-secret-change-me';
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export function loadConfig(env: Env): AppConfig {
  const problems: string[] = [];
  const read = new EnvReader(env, problems);

  const nodeEnv = read.oneOf('NODE_ENV', ['development', 'test', 'production'], 'development');
  const production = nodeEnv === 'production';
  const port = read.int('PORT', 3000, 1, 65535);
  const publicUrl = read
    .url('PUBLIC_URL', `http://localhost:${port}`, ['http:', 'https:'])
    .replace(/\/$/, '');

  const config: AppConfig = {
    env: nodeEnv,
    host: read.string('HOST', '0.0.0.0'),
    port,
    publicUrl,
    allowedOrigins: allowedOrigins(publicUrl, read.string('ALLOWED_ORIGINS', ''), problems),
    databaseUrl: read.url('DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/duijie', [
      'postgres:',
      'postgresql:',
    ]),
    redisUrl: read.url('REDIS_URL', 'redis://127.0.0.1:6379', ['redis:', 'rediss:']),
    redisPrefix: read.pattern(
      'REDIS_PREFIX',
      'duijie',
      /^[A-Za-z0-9_-]{1,40}$/,
      '1–40 letters, digits, _ or -',
    ),
    jwtSecret: read.string('JWT_SECRET', production ? undefined : DEV_JWT_SECRET),
    jwtTtlSeconds: read.int('JWT_TTL_SECONDS', 7 * 24 * 3600, 60, 90 * 24 * 3600),
    linkTokens: { current: '', previous: read.string('LINK_TOKEN_SECRET_PREVIOUS', '') || null },
    smtpUrl: read.url('SMTP_URL', production ? undefined : 'log:', ['smtp:', 'smtps:', 'log:']),
    mailFrom: read.string('MAIL_FROM', '对接平台 duijie <no-reply@duijie.local>'),
    sms: {
      url: read.url('SMS_URL', 'log:', ['http:', 'https:', 'log:']),
      key: read.string('SMS_KEY', ''),
      secret: read.string('SMS_SECRET', ''),
      sign: read.string('SMS_SIGN', '【对接平台】'),
    },
    defaultLocale: read.oneOf('DEFAULT_LOCALE', LOCALES, 'zh-CN'),
    defaultTimeZone: read.timeZone('DEFAULT_TIME_ZONE', 'Asia/Shanghai'),
    chromiumPath: read.string('CHROMIUM_PATH', '/usr/bin/chromium'),
    logLevel: read.oneOf('LOG_LEVEL', LOG_LEVELS, nodeEnv === 'test' ? 'warn' : 'info'),
    trustProxy: trustedProxies(read.string('TRUST_PROXY', ''), problems),
    http: {
      requestTimeoutMs: read.int('REQUEST_TIMEOUT_MS', 60_000, 0, 3_600_000),
      connectionTimeoutMs: read.int('CONNECTION_TIMEOUT_MS', 120_000, 0, 3_600_000),
    },
    database: {
      statementTimeoutMs: read.int('DB_STATEMENT_TIMEOUT_MS', 15_000, 0, 3_600_000),
      jobStatementTimeoutMs: read.int('DB_JOB_STATEMENT_TIMEOUT_MS', 300_000, 0, 24 * 3_600_000),
    },
    metricsToken: read.string('METRICS_TOKEN', '') || null,
    login: {
      maxAttempts: read.int('LOGIN_MAX_ATTEMPTS', 10, 1, 10_000),
      windowSeconds: read.int('LOGIN_WINDOW_SECONDS', 15 * 60, 1, 24 * 3600),
      maxPerAddress: read.int('LOGIN_MAX_PER_ADDRESS', 100, 1, 1_000_000),
      maxPerAccount: read.int('LOGIN_MAX_PER_ACCOUNT', 50, 1, 1_000_000),
    },
    limits: {
      signUpsPerAddress: read.int('SIGN_UPS_PER_ADDRESS', 10, 1, 1_000_000),
      guestRegistrationsPerAddress: read.int('GUEST_REGISTRATIONS_PER_ADDRESS', 10, 1, 1_000_000),
      guestRegistrationsPerContact: read.int('GUEST_REGISTRATIONS_PER_CONTACT', 10, 1, 1_000_000),
      importsPerAccount: read.int('IMPORTS_PER_ACCOUNT', 30, 1, 1_000_000),
      importsPerAddress: read.int('IMPORTS_PER_ADDRESS', 60, 1, 1_000_000),
    },
    registrationHoldMinutes: read.int('REGISTRATION_HOLD_MINUTES', 30, 1, 7 * 24 * 60),
    invitationReminderDays: read.int('INVITATION_REMINDER_DAYS', 3, 0, 60),
    invitationSeatHoldDays: read.int('INVITATION_SEAT_HOLD_DAYS', 7, 1, 90),
    followUpNoContactDays: read.int('FOLLOW_UP_NO_CONTACT_DAYS', 30, 1, 365),
    retentionMonths: read.int('PERSONAL_DATA_RETENTION_MONTHS', 36, 1, 1200),
    outbox: {
      pollMs: read.int('OUTBOX_POLL_MS', 1000, 10, 60_000),
      requeueAfterSeconds: read.int('OUTBOX_REQUEUE_SECONDS', 120, 1, 24 * 3600),
      leaseSeconds: read.int('OUTBOX_LEASE_SECONDS', 60, 1, 3600),
      maxAttempts: read.int('OUTBOX_MAX_ATTEMPTS', 8, 1, 100),
    },
    queue: {
      lockSeconds: read.int('QUEUE_LOCK_SECONDS', 30, 1, 3600),
      concurrency: read.int('QUEUE_CONCURRENCY', 10, 1, 500),
    },
    imports: {
      maxRows: read.int('IMPORT_MAX_ROWS', 10_000, 1, 10_000_000),
      maxBytes: read.int('IMPORT_MAX_BYTES', 10 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
      maxErrors: read.int('IMPORT_MAX_ERRORS', 200, 1, 100_000),
    },
    live: {
      workers: read.int('LIVE_WORKERS', availableParallelism(), 1, 256),
      consumerBudget: read.int('LIVE_CONSUMER_BUDGET', 500, 2, 100_000),
      listenIp: read.string('LIVE_LISTEN_IP', '0.0.0.0'),
      announcedAddress: read.string('LIVE_ANNOUNCED_ADDRESS', '') || null,
      rtcMinPort: read.int('LIVE_RTC_MIN_PORT', 40000, 1024, 65535),
      rtcMaxPort: read.int('LIVE_RTC_MAX_PORT', 49999, 1024, 65535),
      hlsDir: read.string('LIVE_HLS_DIR', 'var/live/hls'),
      recordingsDir: read.string('LIVE_RECORDINGS_DIR', 'var/live/recordings'),
      ffmpegPath: read.string('FFMPEG_PATH', 'ffmpeg'),
      maxMessageBytes: read.int('LIVE_MAX_MESSAGE_BYTES', 64 * 1024, 1024, 16 * 1024 * 1024),
      connectionsPerAddress: read.int('LIVE_CONNECTIONS_PER_ADDRESS', 50, 1, 100_000),
      chatPerMinute: read.int('LIVE_CHAT_PER_MINUTE', 20, 1, 10_000),
      questionsPerMinute: read.int('LIVE_QUESTIONS_PER_MINUTE', 5, 1, 10_000),
      intentsPerMinute: read.int('LIVE_INTENTS_PER_MINUTE', 5, 1, 10_000),
      speechPerAddressPerMinute: read.int('LIVE_ADDRESS_LINES_PER_MINUTE', 200, 1, 1_000_000),
    },
  };

  if (production && config.jwtSecret !== '' && config.jwtSecret.length < 32) {
    problems.push(
      'JWT_SECRET: 生产环境至少 32 个字符 / must be at least 32 characters in production',
    );
  }
  config.linkTokens.current = read.string(
    'LINK_TOKEN_SECRET',
    production ? undefined : derivedLinkSecret(config.jwtSecret),
  );
  if (production && config.linkTokens.current !== '' && config.linkTokens.current.length < 32) {
    problems.push(
      'LINK_TOKEN_SECRET: 生产环境至少 32 个字符 / must be at least 32 characters in production',
    );
  }
  if (
    production &&
    config.linkTokens.current !== '' &&
    config.linkTokens.current === config.jwtSecret
  ) {
    problems.push('LINK_TOKEN_SECRET: 不能与 JWT_SECRET 相同 / must differ from JWT_SECRET');
  }
  // Loopback addresses are secure contexts to browsers (Secure cookies work there): trying the
  // production image on one's own machine needs no certificate.
  if (production && !publicUrl.startsWith('https:') && !isLoopback(publicUrl)) {
    problems.push(
      `PUBLIC_URL: 生产环境必须是 https 地址 / must be an https URL in production (got "${publicUrl}")`,
    );
  }
  if (config.live.rtcMinPort > config.live.rtcMaxPort) {
    problems.push(
      'LIVE_RTC_MIN_PORT, LIVE_RTC_MAX_PORT: 端口范围无效 / the port range is empty (min > max)',
    );
  }
  if (config.sms.url !== 'log:' && (!config.sms.key || !config.sms.secret)) {
    problems.push('SMS_KEY, SMS_SECRET: 使用短信网关时必须设置 / are required with an SMS gateway');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config);
}

/**
 * Whether cookies are marked Secure: in production (whose PUBLIC_URL is https, or this machine's
 * own address, a secure context to browsers) and wherever PUBLIC_URL is https.
 */
export function servesSecurely(config: Pick<AppConfig, 'env' | 'publicUrl'>): boolean {
  return config.env === 'production' || config.publicUrl.startsWith('https:');
}

/** Where a connection URL points, without its password: safe to print. */
export function describeUrl(raw: string): string {
  try {
    const url = new URL(raw);
    url.password = '';
    return url.toString();
  } catch {
    return '(invalid URL)';
  }
}

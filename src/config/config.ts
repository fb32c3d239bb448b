import { availableParallelism } from 'node:os';
import { isTimeZone } from 'src/common/time';

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
  databaseUrl: string;
  redisUrl: string;
  /** Prefix of every Redis key (BullMQ queues, counters): lets several deployments or test workers share one Redis. */
  redisPrefix: string;
  jwtSecret: string;
  jwtTtlSeconds: number;
  /** `smtp://…` or `smtps://…`; `log:` records messages in the log instead of sending them (development). */
  smtpUrl: string;
  mailFrom: string;
  /** `log:` records text messages in the log (development); an https URL sends them to the gateway. */
  sms: { url: string; key: string; secret: string; sign: string };
  defaultLocale: Locale;
  defaultTimeZone: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  login: { maxAttempts: number; windowSeconds: number };
  /** Days before an event at which invitees who have not answered are reminded; 0 for never. */
  invitationReminderDays: number;
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
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(['配置错误 / Configuration error:', ...problems.map((p) => `  - ${p}`)].join('\n'));
  }
}

type Env = Record<string, string | undefined>;

const DEV_JWT_SECRET = 'duijie-development-secret-change-me';
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export function loadConfig(env: Env): AppConfig {
  const problems: string[] = [];
  const read = new EnvReader(env, problems);

  const nodeEnv = read.oneOf('NODE_ENV', ['development', 'test', 'production'], 'development');
  const production = nodeEnv === 'production';
  const port = read.int('PORT', 3000, 1, 65535);

  const config: AppConfig = {
    env: nodeEnv,
    host: read.string('HOST', '0.0.0.0'),
    port,
    publicUrl: read
      .url('PUBLIC_URL', `http://localhost:${port}`, ['http:', 'https:'])
      .replace(/\/$/, ''),
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
    logLevel: read.oneOf('LOG_LEVEL', LOG_LEVELS, nodeEnv === 'test' ? 'warn' : 'info'),
    login: {
      maxAttempts: read.int('LOGIN_MAX_ATTEMPTS', 10, 1, 10_000),
      windowSeconds: read.int('LOGIN_WINDOW_SECONDS', 15 * 60, 1, 24 * 3600),
    },
    invitationReminderDays: read.int('INVITATION_REMINDER_DAYS', 3, 0, 60),
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
    },
  };

  if (production && config.jwtSecret !== '' && config.jwtSecret.length < 32) {
    problems.push(
      'JWT_SECRET: 生产环境至少 32 个字符 / must be at least 32 characters in production',
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

class EnvReader {
  constructor(
    private readonly env: Env,
    private readonly problems: string[],
  ) {}

  private raw(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === '' ? undefined : value;
  }

  private fail<T>(name: string, reason: string, fallback: T): T {
    const got = this.raw(name);
    this.problems.push(`${name}: ${reason}${got === undefined ? '' : ` (got "${got}")`}`);
    return fallback;
  }

  string(name: string, fallback: string | undefined): string {
    const value = this.raw(name) ?? fallback;
    return value ?? this.fail(name, '必须设置 / is required', '');
  }

  pattern(name: string, fallback: string, re: RegExp, what: string): string {
    const value = this.string(name, fallback);
    return re.test(value) ? value : this.fail(name, `格式应为 / must be ${what}`, fallback);
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const n = Number(value);
    return Number.isInteger(n) && n >= min && n <= max
      ? n
      : this.fail(
          name,
          `必须是 ${min}–${max} 之间的整数 / must be an integer from ${min} to ${max}`,
          fallback,
        );
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    return (allowed as readonly string[]).includes(value)
      ? (value as T)
      : this.fail(name, `必须是其中之一 / must be one of ${allowed.join(', ')}`, fallback);
  }

  url(name: string, fallback: string | undefined, protocols: string[]): string {
    const value = this.string(name, fallback);
    if (value === '') return value;
    try {
      const url = new URL(value);
      if (protocols.includes(url.protocol)) return value;
    } catch {
      // reported below
    }
    return this.fail(
      name,
      `必须是 ${protocols.join(' / ')} 地址 / must be a ${protocols.join(' or ')} URL`,
      value,
    );
  }

  timeZone(name: string, fallback: string): string {
    const value = this.string(name, fallback);
    return isTimeZone(value)
      ? value
      : this.fail(name, '不是有效的 IANA 时区 / is not an IANA time zone', fallback);
  }
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

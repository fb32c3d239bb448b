import { createHmac } from 'node:crypto';
import { isIP } from 'node:net';
import { isTimeZone } from 'src/common/time';

/**
 * Reading the environment for `loadConfig`: typed values with their problems collected (one line
 * per bad variable), and the variables that hold lists of addresses and origins.
 */
export type Env = Record<string, string | undefined>;

/** Names TRUST_PROXY may use for whole ranges (127.0.0.0/8 and ::1; 169.254/16 and fe80::/10; 10/8, 172.16/12, 192.168/16 and fc00::/7). */
const PROXY_RANGES = ['loopback', 'linklocal', 'uniquelocal'];

/** TRUST_PROXY: comma-separated IPv4/IPv6 addresses, CIDRs or range names of the load balancers in front. */
export function trustedProxies(raw: string, problems: string[]): string[] {
  const entries = raw
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  for (const entry of entries) {
    if (PROXY_RANGES.includes(entry)) continue;
    const [address, bits, extra] = entry.split('/');
    const family = isIP(address);
    const maxBits = family === 6 ? 128 : 32;
    const bitsOk = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= maxBits);
    if (family === 0 || !bitsOk || extra !== undefined)
      problems.push(`TRUST_PROXY: 不是地址或 CIDR / is not an address or CIDR (got "${entry}")`);
  }
  return entries;
}

export function isLoopback(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return host === 'localhost' || host === '127.0.0.1' || host === '[::1]';
  } catch {
    return false; // PUBLIC_URL's own problem is reported already
  }
}

/** Development and tests need no second secret: one is derived from the session secret. */
export function derivedLinkSecret(jwtSecret: string): string {
  return createHmac('sha256', jwtSecret).update('link-tokens').digest('base64url');
}

/** PUBLIC_URL's origin first, then each comma-separated origin of ALLOWED_ORIGINS (scheme, host and port only). */
export function allowedOrigins(publicUrl: string, extra: string, problems: string[]): string[] {
  const origins = new Set<string>();
  for (const raw of [publicUrl, ...extra.split(',')].map((o) => o.trim()).filter(Boolean)) {
    try {
      const url = new URL(raw);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(url.protocol);
      origins.add(url.origin);
    } catch {
      problems.push(`ALLOWED_ORIGINS: 不是 http(s) 来源 / is not an http(s) origin (got "${raw}")`);
    }
  }
  return [...origins];
}

export class EnvReader {
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

import type { AppConfig } from 'src/config/config';

/**
 * Whether a browser request comes from one of our own origins. `Origin` is what browsers send on
 * every cross-origin request and on same-origin POSTs; `Sec-Fetch-Site` is the fallback for the
 * few requests without it. A request with neither came from something that is not a browser
 * (curl, a test, a server), which cannot ride a victim's cookie, so it is not refused here.
 */
export function fromAllowedOrigin(
  headers: { origin?: string | string[]; 'sec-fetch-site'?: string | string[] },
  config: Pick<AppConfig, 'allowedOrigins'>,
): boolean {
  const origin = single(headers.origin);
  if (origin !== undefined) return origin !== 'null' && config.allowedOrigins.includes(origin);
  const site = single(headers['sec-fetch-site']);
  if (site !== undefined) return site === 'same-origin' || site === 'none';
  return true;
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

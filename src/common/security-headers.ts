import type { AppConfig } from 'src/config/config';

/**
 * The headers every answer carries. The pages' scripts and styles are files of this site, so the
 * content security policy allows nothing else: no inline script, no other site's script, no
 * framing (clickjacking). Camera and live video are `blob:`/`mediastream:` media, the live socket
 * is `ws:`/`wss:` to our own origins; QR codes and charts are images of this site or `data:`.
 */
export function securityHeaders(
  config: Pick<AppConfig, 'publicUrl' | 'allowedOrigins'>,
): Record<string, string> {
  const sockets = config.allowedOrigins.map((origin) => origin.replace(/^http/, 'ws'));
  const policy = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob: mediastream:",
    `connect-src 'self' ${sockets.join(' ')}`,
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  return {
    'content-security-policy': policy.join('; '),
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'same-origin',
    // Only where the site is served over https: a browser then refuses plain http for a year.
    ...(config.publicUrl.startsWith('https:')
      ? { 'strict-transport-security': 'max-age=31536000' }
      : {}),
  };
}

/**
 * The API's interactive documentation (Swagger UI) draws with inline styles and its own
 * start-up script; it alone gets them, and is still never framed.
 */
export const API_DOCS_POLICY =
  "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'";

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Locale } from 'src/config/config';
import { TEMPLATES_DIR } from 'src/common/paths';

/**
 * The privacy notice in force: each version is a folder of `templates/privacy/` with one text per
 * locale. A new version is a new folder (the old ones stay: a consent names the version it accepted).
 */
export const PRIVACY_NOTICE_VERSION = '2025-06';

/** The notice's text (Markdown) in the locale, for the version given or the one in force. */
export function privacyNotice(locale: Locale, version = PRIVACY_NOTICE_VERSION): string {
  if (!/^[0-9]{4}-[0-9]{2}$/.test(version)) throw new Error(`no privacy notice ${version}`);
  return readFileSync(join(TEMPLATES_DIR, 'privacy', version, `${locale}.md`), 'utf8');
}

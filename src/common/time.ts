/** True for an IANA time zone name the runtime knows, such as Asia/Shanghai. */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** A moment as people read it, in a time zone: 2026年12月18日周五 14:00 / Fri, 18 Dec 2026, 14:00. */
export function formatDateTime(date: Date, timeZone: string, locale: 'zh-CN' | 'en'): string {
  const key = `${timeZone}|${locale}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    // Building a formatter costs far more than using one.
    formatter = new Intl.DateTimeFormat(locale === 'zh-CN' ? 'zh-CN' : 'en-GB', {
      timeZone,
      year: 'numeric',
      month: locale === 'zh-CN' ? 'long' : 'short',
      day: 'numeric',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(key, formatter);
  }
  return formatter.format(date);
}

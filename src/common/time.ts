/** True for an IANA time zone name the runtime knows, such as Asia/Shanghai. */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

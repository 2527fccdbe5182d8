/** IANA time-zone names, checked the way the rest of the stack (ICU) will read them. */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch (error) {
    if (error instanceof RangeError) return false; // the documented signal for an unknown zone
    throw error;
  }
}

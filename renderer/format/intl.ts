/**
 * Intl formatters look up locale data when built, which costs more than formatting; screens
 * format on every render (the next item's first frame among them), so each is built once.
 */
const formatters = new Map<string, unknown>();

export function formatter<T>(key: string, build: () => T): T {
  let built = formatters.get(key) as T | undefined;
  if (built === undefined) {
    built = build();
    formatters.set(key, built);
  }
  return built;
}

/** One Intl.NumberFormat per locale and options, kept. */
export function numberFormat(locale: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  return formatter(`number ${locale} ${JSON.stringify(options)}`, () => new Intl.NumberFormat(locale, options));
}

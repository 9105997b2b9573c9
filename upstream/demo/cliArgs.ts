import { parseArgs } from 'node:util';

export class CliArgumentError extends Error {
  override name = 'CliArgumentError';
}

/** Parses `--name value` flags that must be whole numbers; names the flag when one is not. */
export function parseIntegerFlag(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new CliArgumentError(`--${name} must be a whole number, got "${raw}"`);
  return Number(raw);
}

/** node:util parseArgs with its errors turned into CliArgumentError, so the CLI can print usage. */
export function parseFlags<const T extends Record<string, { type: 'string' }>>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new CliArgumentError((error as Error).message);
  }
}

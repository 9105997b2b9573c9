import { describeError } from './failures';
import type { DecodeLogger, UnanalysableReason } from './types';

export interface RefusalFacts {
  operation: string;
  context?: string;
  declaredMime?: string;
  size: number;
}

const writeWarning: DecodeLogger = (line) => console.warn(line);

export function resolveLogger(log: DecodeLogger | undefined): DecodeLogger {
  return log ?? writeWarning;
}

/** One line per refused file, carrying what support needs to find the item and the decoder's own words. */
export function logRefusal(log: DecodeLogger, facts: RefusalFacts, failure: UnanalysableReason, cause?: unknown): void {
  const parts = [`${facts.operation} refused`, facts.context ? `[${facts.context}]` : '', `code=${failure.code}`, `bytes=${facts.size}`];
  if (facts.declaredMime !== undefined) parts.push(`declared=${JSON.stringify(facts.declaredMime)}`);
  if (cause !== undefined) parts.push(`cause=${JSON.stringify(describeError(cause))}`);
  log(`${parts.filter(Boolean).join(' ')}: ${failure.message}`);
}

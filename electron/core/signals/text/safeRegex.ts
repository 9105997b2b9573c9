import { regexProblem } from '@workstation/protocol';
import { PhraseCompileError } from './phraseMatcher';

/** A PhraseCompileError, so whoever refuses an uncompilable lexicon refuses this one too. */
export class UnsafeRegexError extends PhraseCompileError {
  override readonly name: string = 'UnsafeRegexError';
}

/**
 * Throws UnsafeRegexError naming what is wrong (the protocol's rule, the one the upstream applies
 * at publish, checked again here since a lexicon is code from afar); returns the compiled
 * expression (global, unicode).
 */
export function compileSafeRegex(source: string): RegExp {
  const problem = regexProblem(source);
  if (problem !== null) throw new UnsafeRegexError(problem);
  return new RegExp(source, 'gu');
}

export { applyLexiconDelta, LexiconDeltaError, type LexiconDeltaProblem } from './lexiconDelta';
export { bundledLexicon, bundledLocales } from './bundledLexicons';
export { PhraseCompileError } from './phraseMatcher';
export { compileLexicon, findRedFlags, type CompiledLexicon, type RedFlagMatch } from './redFlags';
export {
  scoreGroomingThread,
  GROOMING_PATTERN_WEIGHTS,
  type ThreadMessage,
  type GroomingAssessment,
  type GroomingPatternHit,
  type GroomingRiskLevel,
} from './groomingScore';

export { applyLexiconDelta, LexiconDeltaError, type LexiconDeltaProblem } from './lexiconDelta';
export { bundledLexicon, bundledGroomingPatterns } from './bundledLexicons';
export { PhraseCompileError } from './phraseMatcher';
export { compileLexicon, findRedFlags, type CompiledLexicon, type RedFlagMatch } from './redFlags';
export { GROOMING_PATTERNS, groomingPatternFileSchema, type GroomingPattern, type GroomingPatternFile } from './groomingPatternsSchema';
export {
  scoreGroomingThread,
  GROOMING_PATTERN_WEIGHTS,
  type ThreadMessage,
  type GroomingAssessment,
  type GroomingPatternHit,
  type GroomingRiskLevel,
} from './groomingScore';

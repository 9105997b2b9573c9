/** Exact PDQ matching against hash banks: multi-index hashing, identical to brute force up to 31 bits. */
export { MIH_EXACT_LIMIT, PdqIndexError, PdqMatchIndex, type PdqMatchIndexOptions } from './mihIndex';
export { compareIds, compareMatches, type MatchId, type PdqMatch } from './results';

/**
 * Hash banks: named, versioned sets of PDQ, SHA-256 and MD5 hashes with a policy category, kept
 * in the store, updated by deltas, and matched in memory against every analysed media file.
 */
export { BankDeltaError, bankContentsSchema, bankDeltaSchema, CHILD_SAFETY, type BankContents, type BankDelta, type BankDeltaProblem } from './delta';
export { childSafetyMatch, HashBankIndex, type BankMatch, type BankMatchReport, type HashBankStore, type HashBankSummary } from './hashBankIndex';

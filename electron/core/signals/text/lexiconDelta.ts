import { lexiconDeltaSchema, lexiconSchema, type Lexicon, type LexiconDelta } from '@workstation/protocol';

export type LexiconDeltaProblem = 'version_mismatch' | 'version_not_increasing' | 'invalid_delta' | 'unknown_removal' | 'duplicate_addition';

/**
 * A delta that cannot be applied to the lexicon we hold. Every case means our copy and the
 * upstream's disagree, so the caller should fetch a full lexicon rather than retry the delta.
 */
export class LexiconDeltaError extends Error {
  override readonly name = 'LexiconDeltaError';
  constructor(
    readonly problem: LexiconDeltaProblem,
    message: string,
  ) {
    super(message);
  }
}

/** Returns a new lexicon at delta.toVersion; the input lexicon is left untouched. */
export function applyLexiconDelta(lexicon: Lexicon, delta: LexiconDelta): Lexicon {
  const parsed = lexiconDeltaSchema.safeParse(delta);
  if (!parsed.success) {
    throw new LexiconDeltaError(
      'invalid_delta',
      `Lexicon delta for '${lexicon.locale}' is malformed (${parsed.error.issues.map((i) => i.message).join('; ')}); fetch the full lexicon instead.`,
    );
  }
  const { fromVersion, toVersion, add, remove, updatedAt } = parsed.data;
  if (fromVersion !== lexicon.version) {
    throw new LexiconDeltaError(
      'version_mismatch',
      `Lexicon delta for '${lexicon.locale}' starts at version ${fromVersion} but the local lexicon is at version ${lexicon.version}; fetch the deltas from version ${lexicon.version} or the full lexicon.`,
    );
  }
  if (toVersion <= fromVersion) {
    throw new LexiconDeltaError(
      'version_not_increasing',
      `Lexicon delta for '${lexicon.locale}' goes from version ${fromVersion} to ${toVersion}; versions must increase, so the upstream cursor is wrong.`,
    );
  }

  const byId = new Map(lexicon.entries.map((entry) => [entry.id, entry]));
  for (const id of remove) {
    if (!byId.delete(id)) {
      throw new LexiconDeltaError(
        'unknown_removal',
        `Lexicon delta ${fromVersion}->${toVersion} for '${lexicon.locale}' removes entry '${id}', which the local lexicon does not have; fetch the full lexicon.`,
      );
    }
  }
  for (const entry of add) {
    if (byId.has(entry.id)) {
      throw new LexiconDeltaError(
        'duplicate_addition',
        `Lexicon delta ${fromVersion}->${toVersion} for '${lexicon.locale}' adds entry '${entry.id}', which already exists; an edit must remove the old entry in the same delta.`,
      );
    }
    byId.set(entry.id, entry);
  }

  return lexiconSchema.parse({
    locale: lexicon.locale,
    version: toVersion,
    updatedAt: updatedAt ?? lexicon.updatedAt,
    entries: [...byId.values()],
  });
}

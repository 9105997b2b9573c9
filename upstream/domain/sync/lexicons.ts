import type { Lexicon, LexiconEntry, Locale, PublishedDelta } from '@workstation/protocol';
import { byId, type SubjectState } from '@workstation/protocol/checksums';
import type { Db } from '../../db';
import { notFound } from '../../errors';
import { jsonList } from '../batch';
import { checkEntryChange, type EntryChange } from './entryChange';
import { appendDelta, publishing } from './log';

type LexiconHead = Omit<Lexicon, 'entries'>;
type LexiconState = Extract<SubjectState, { kind: 'lexicon' }>;

type EntryRow = Pick<LexiconEntry, 'id' | 'phrase' | 'category' | 'severity'> & {
  pattern: LexiconEntry['pattern'] | null;
  regex: string | null;
  near_misses: string[] | null;
};

async function entriesOf(db: Db, locale: string): Promise<LexiconEntry[]> {
  const rows = await db.query<EntryRow>('SELECT id, phrase, category, severity, pattern, regex, near_misses FROM lexicon_entries WHERE locale = $1', [
    locale,
  ]);
  // Absent optional fields stay absent, so an entry reads (and checksums) exactly as it was published.
  return byId(
    rows.map(({ id, phrase, category, severity, pattern, regex, near_misses }) => ({
      id,
      phrase,
      category,
      severity,
      ...(pattern === null ? {} : { pattern }),
      ...(regex === null ? {} : { regex }),
      ...(near_misses === null ? {} : { nearMisses: near_misses }),
    })),
  );
}

async function applyChange(tx: Db, fromVersion: number, to: LexiconHead, change: EntryChange<LexiconEntry>): Promise<PublishedDelta> {
  if (fromVersion === 0) {
    await tx.query('INSERT INTO lexicons (locale, version, updated_at) VALUES ($1, $2, $3)', [to.locale, to.version, to.updatedAt]);
  } else {
    await tx.query('UPDATE lexicons SET version = $2, updated_at = $3 WHERE locale = $1', [to.locale, to.version, to.updatedAt]);
  }
  if (change.remove.length > 0) {
    await tx.query('DELETE FROM lexicon_entries WHERE locale = $1 AND id IN (SELECT jsonb_array_elements_text($2::jsonb))', [
      to.locale,
      jsonList(change.remove),
    ]);
  }
  if (change.add.length > 0) {
    await tx.query(
      `INSERT INTO lexicon_entries (locale, id, phrase, category, severity, pattern, regex, near_misses)
       SELECT $1, e.id, e.phrase, e.category, e.severity, e.pattern, e.regex, e."nearMisses"
       FROM jsonb_to_recordset($2::jsonb) AS e (id text, phrase text, category text, severity smallint, pattern text, regex text, "nearMisses" jsonb)`,
      [to.locale, JSON.stringify(change.add)],
    );
  }
  return appendDelta(tx, {
    kind: 'lexicon',
    subject: to.locale,
    fromVersion,
    toVersion: to.version,
    payload: {
      locale: to.locale,
      fromVersion,
      toVersion: to.version,
      updatedAt: to.updatedAt,
      add: byId(change.add),
      remove: [...change.remove].sort(),
    },
    state: { kind: 'lexicon', ...to, entries: await entriesOf(tx, to.locale) },
  });
}

/**
 * Adds a lexicon for a locale the upstream has none of, e.g. one bundled with the app; its first
 * delta (fromVersion 0) lists every entry. Null when the locale already has one.
 */
export function createLexiconIfMissing(db: Db, lexicon: Lexicon): Promise<PublishedDelta | null> {
  return publishing(db, async (tx) => {
    if ((await tx.query('SELECT 1 FROM lexicons WHERE locale = $1', [lexicon.locale])).length > 0) return null;
    checkEntryChange(`lexicon ${lexicon.locale}`, new Set(), { add: lexicon.entries, remove: [] });
    const to = { locale: lexicon.locale, version: lexicon.version, updatedAt: new Date(lexicon.updatedAt).toISOString() };
    return applyChange(tx, 0, to, { add: lexicon.entries, remove: [] });
  });
}

export function changeLexicon(db: Db, locale: string, change: EntryChange<LexiconEntry>): Promise<PublishedDelta> {
  return publishing(db, async (tx) => {
    // Only locales the protocol knows ever get a row (createLexiconIfMissing), so a found row names one.
    const [head] = await tx.query<{ locale: Locale; version: number }>('SELECT locale, version FROM lexicons WHERE locale = $1', [locale]);
    if (!head) throw notFound(`there is no lexicon for locale ${locale}`);
    const held = new Set((await entriesOf(tx, locale)).map((e) => e.id));
    checkEntryChange(`lexicon ${locale}`, held, change);
    return applyChange(tx, head.version, { locale: head.locale, version: head.version + 1, updatedAt: new Date().toISOString() }, change);
  });
}

export async function lexiconSnapshots(db: Db): Promise<LexiconState[]> {
  const heads = await db.query<{ locale: Locale; version: number; updated_at: Date }>(
    'SELECT locale, version, updated_at FROM lexicons ORDER BY locale COLLATE "C"',
  );
  const snapshots: LexiconState[] = [];
  for (const head of heads) {
    snapshots.push({
      kind: 'lexicon',
      locale: head.locale,
      version: head.version,
      updatedAt: head.updated_at.toISOString(),
      entries: await entriesOf(db, head.locale),
    });
  }
  return snapshots;
}

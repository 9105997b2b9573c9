import type { Db } from './database';

/** A red-flag lexicon as the delta sync stores it; the analysis service validates it on read. */
export interface StoredLexicon {
  locale: string;
  version: number;
  updatedAt: string;
  entries: Array<{ id: string; phrase: string; category: string; severity: number }>;
}

/** The delta sync's own state: its cursor into the upstream's log, the synced lexicons, bank display names. */
export function syncStateQueries(db: Db) {
  const getCursor = db.prepare(`SELECT cursor FROM sync_cursor WHERE id = 1`);
  const putCursor = db.prepare(
    `INSERT INTO sync_cursor (id, cursor, stored_at) VALUES (1, ?, ?)
     ON CONFLICT (id) DO UPDATE SET cursor = excluded.cursor, stored_at = excluded.stored_at`,
  );
  const lexiconVersion = db.prepare(`SELECT version FROM lexicons WHERE locale = ?`);
  const lexicon = db.prepare(`SELECT locale, version, updated_at AS updatedAt, entries FROM lexicons WHERE locale = ?`);
  const lexicons = db.prepare(`SELECT locale, version, updated_at AS updatedAt, entries FROM lexicons ORDER BY locale`);
  const putLexicon = db.prepare(
    `INSERT INTO lexicons (locale, version, updated_at, entries) VALUES (?, ?, ?, ?)
     ON CONFLICT (locale) DO UPDATE SET version = excluded.version, updated_at = excluded.updated_at, entries = excluded.entries`,
  );
  const displayNames = db.prepare(`SELECT bank, display_name AS displayName FROM hash_bank_display_names`);
  const putDisplayName = db.prepare(
    `INSERT INTO hash_bank_display_names (bank, display_name) VALUES (?, ?)
     ON CONFLICT (bank) DO UPDATE SET display_name = excluded.display_name`,
  );

  type LexiconRow = { locale: string; version: number; updatedAt: string; entries: string };
  const toLexicon = (r: LexiconRow): StoredLexicon => ({ ...r, entries: JSON.parse(r.entries) as StoredLexicon['entries'] });

  return {
    /** Where the next delta pull starts; null before the first verified page. */
    syncCursor(): string | null {
      return (getCursor.get() as { cursor: string } | undefined)?.cursor ?? null;
    },
    putSyncCursor(cursor: string, storedAt: string): void {
      putCursor.run(cursor, storedAt);
    },
    /** Cheap enough to ask on every item view, so callers re-read a lexicon only when it changed. */
    storedLexiconVersion(locale: string): number | null {
      return (lexiconVersion.get(locale) as { version: number } | undefined)?.version ?? null;
    },
    storedLexicon(locale: string): StoredLexicon | null {
      const row = lexicon.get(locale) as LexiconRow | undefined;
      return row ? toLexicon(row) : null;
    },
    storedLexicons(): StoredLexicon[] {
      return (lexicons.all() as LexiconRow[]).map(toLexicon);
    },
    putLexicon(l: StoredLexicon): void {
      putLexicon.run(l.locale, l.version, l.updatedAt, JSON.stringify(l.entries));
    },
    /** Display names by bank id, for the banks the upstream has named. */
    hashBankDisplayNames(): Map<string, string> {
      return new Map((displayNames.all() as Array<{ bank: string; displayName: string }>).map((r) => [r.bank, r.displayName]));
    },
    /** The bank must already be stored: the name is dropped with it. */
    putHashBankDisplayName(bank: string, displayName: string): void {
      putDisplayName.run(bank, displayName);
    },
  };
}

import type { Checksums, DeltaPage, DeltaPayload, PublishedDelta, SyncDelta, SyncKind } from '@workstation/protocol';
import { checksumKey, checksumOf, type SubjectState } from '@workstation/protocol/checksums';
import type { Db } from '../../db';
import { ApiError, badRequest } from '../../errors';

export type NewDelta = {
  [K in SyncKind]: {
    kind: K;
    /** 'policy', the lexicon's locale or the bank's id. */
    subject: string;
    fromVersion: number;
    toVersion: number;
    /** What the client applies; it carries fromVersion and toVersion itself. */
    payload: DeltaPayload<K>;
    /** The subject's state after this delta: what its checksum is taken over. */
    state: SubjectState & { kind: K };
  };
}[SyncKind];

/**
 * Runs fn with the publishing lock held until commit. Publishers taking turns is what makes seq
 * order commit order, so a reader that has seen seq N has seen everything before it.
 */
export function publishing<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('upstream.sync.publish'))`);
    return fn(tx);
  });
}

/** Appends to the log; call inside publishing(). */
export async function appendDelta(tx: Db, delta: NewDelta): Promise<PublishedDelta> {
  const sha256 = checksumOf(delta.state);
  const [row] = await tx.query<{ seq: number }>(
    `INSERT INTO sync_deltas (kind, subject, from_version, to_version, payload, checksum)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6) RETURNING seq`,
    [delta.kind, delta.subject, delta.fromVersion, delta.toVersion, JSON.stringify(delta.payload), sha256],
  );
  return { seq: Number(row!.seq), kind: delta.kind, subject: delta.subject, fromVersion: delta.fromVersion, toVersion: delta.toVersion, sha256 };
}

export async function lastPublishedVersion(db: Db, kind: SyncKind, subject: string): Promise<number> {
  const [row] = await db.query<{ version: number | null }>('SELECT max(to_version) AS version FROM sync_deltas WHERE kind = $1 AND subject = $2', [
    kind,
    subject,
  ]);
  return row?.version ?? 0;
}

export async function headSeq(db: Db): Promise<number> {
  const [row] = await db.query<{ seq: number | null }>('SELECT max(seq) AS seq FROM sync_deltas');
  return Number(row?.seq ?? 0);
}

async function logEpoch(db: Db): Promise<string> {
  const [row] = await db.query<{ epoch: string }>('SELECT epoch FROM sync_log');
  return row!.epoch;
}

/** Opaque to clients: base64url of `<log epoch>.<seq>`. */
export async function cursorAt(db: Db, seq: number): Promise<string> {
  return Buffer.from(`${await logEpoch(db)}.${seq}`, 'utf8').toString('base64url');
}

const CURSOR = /^([0-9a-f]{32})\.(\d{1,15})$/;

/** The seq a cursor stands for; no cursor means the start of the log. */
async function seqOfCursor(db: Db, cursor: string | undefined): Promise<number> {
  if (cursor === undefined) return 0;
  const match = CURSOR.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match)
    throw badRequest('cursor: not a cursor this server issued; send the cursor from the last answer, or none to start from the beginning', 'cursor');
  const seq = Number(match[2]);
  if (match[1] !== (await logEpoch(db)) || seq > (await headSeq(db))) {
    throw new ApiError(
      410,
      'resync_required',
      'this cursor belongs to another copy of the upstream data; resync from GET /sync/snapshot and follow its cursor',
    );
  }
  return seq;
}

async function deltasAfter(db: Db, seq: number, limit: number): Promise<{ deltas: SyncDelta[]; hasMore: boolean }> {
  // The payloads are what appendDelta stored, each a DeltaPayload of its row's kind.
  const rows = await db.query<{ seq: number; kind: SyncKind; payload: DeltaPayload<SyncKind> }>(
    'SELECT seq, kind, payload FROM sync_deltas WHERE seq > $1 ORDER BY seq LIMIT $2',
    [seq, limit + 1],
  );
  return { deltas: rows.slice(0, limit).map((r) => ({ seq: Number(r.seq), kind: r.kind, ...r.payload }) as SyncDelta), hasMore: rows.length > limit };
}

/** Every subject's version and checksum as of log position seq. */
async function checksumsAt(db: Db, seq: number): Promise<Checksums> {
  const rows = await db.query<{ kind: SyncKind; subject: string; to_version: number; checksum: string }>(
    `SELECT DISTINCT ON (kind, subject) kind, subject, to_version, checksum
     FROM sync_deltas WHERE seq <= $1 ORDER BY kind, subject, seq DESC`,
    [seq],
  );
  return Object.fromEntries(rows.map((r) => [checksumKey(r.kind, r.subject), { version: r.to_version, sha256: r.checksum }]));
}

/** The next page after a cursor, with every subject's checksum as of the page's end. */
export async function deltaPage(db: Db, cursor: string | undefined, limit: number): Promise<DeltaPage> {
  const after = await seqOfCursor(db, cursor);
  const { deltas, hasMore } = await deltasAfter(db, after, limit);
  const end = deltas.at(-1)?.seq ?? after;
  return { cursor: await cursorAt(db, end), hasMore, deltas, checksums: await checksumsAt(db, end) };
}

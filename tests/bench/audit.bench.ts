// The team log at a million decisions: keyset pages against OFFSET pages for the filter
// combinations the log offers, full text, QA samples, chain verification, the PDF report, and
// downloading a 100,000-decision period from the reference upstream.
// Run: npm run bench -- audit
import Database from 'better-sqlite3';
import os from 'node:os';
import path from 'node:path';
import { chainHash } from '@workstation/protocol/checksums';
import { GENESIS_HASH } from '@workstation/protocol';
import type { AuditFilter, AuditSort } from '../../electron/api';
import { agreement, allocate, drawMembers, exportPdf, ftsQueryOf, logPage, verifyOwnChain, verifyTeamChains } from '../../electron/core/audit';
import { createCore } from '../../electron/core';
import { createTestPlatform } from '../../electron/core/platform/testing';
import { openStore, sampleKeyOf } from '../../electron/core/store';
import { createUpstreamClient } from '../../electron/core/sync';
import { startUpstream } from '../../upstream';
import { fillTeamLog, GENERATED_START, GENERATED_TEAM } from '../support/generatedTeamLog';
import { tempDir } from '../unit/store/fixtures';
import { xorshift32 } from '../support/xorshift32';

const DECISIONS = 1_000_000;
const PAGE = 100;
const RUNS = 3;
const DOWNLOAD = 100_000;
const OWN_CHAIN = 200_000;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
const ms = (v: number) => `${v.toFixed(2)} ms`;
const timed = <T>(fn: () => T): [T, number] => {
  const start = performance.now();
  const result = fn();
  return [result, performance.now() - start];
};
const timedAsync = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
  const start = performance.now();
  const result = await fn();
  return [result, performance.now() - start];
};

console.log(`\naudit bench: ${DECISIONS.toLocaleString('en')} generated decisions of ${GENERATED_TEAM.members.length} moderators, pages of ${PAGE}`);
console.log(
  `machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), node ${process.version}; SHARED with other engineers' builds, figures are noisy\n`,
);

const tmp = tempDir('audit-bench');
const file = path.join(tmp.dir, 'workstation.db');
const store = openStore(file);
const [, buildMs] = timed(() => fillTeamLog(store, DECISIONS, 7, 20_000));
console.log(
  `store: ${DECISIONS.toLocaleString('en')} decisions stored in ${(buildMs / 1000).toFixed(1)} s (${Math.round(DECISIONS / (buildMs / 1000)).toLocaleString('en')} records/s, facets, FTS and indexes included)`,
);
const reader = new Database(file, { readonly: true });
const [, warmMs] = timed(() => store.warmTeamLog());
console.log(`in-memory page index (both sort orders) read in once after a change: ${ms(warmMs)}`);

// --- Page queries: keyset (ours) against OFFSET (peer), same filter, same page ---
const values: Record<string, readonly string[]> = {
  moderatorId: GENERATED_TEAM.members.map((m) => m.id),
  queue: ['user_report', 'proactive', 'priority'],
  category: ['spam', 'hate', 'harassment', 'adult_sexual', 'fraud', 'violence', 'self_harm', 'privacy', 'impersonation', 'none'],
  reasonCode: ['SPAM-1', 'HATE-1', 'HARASS-1', 'NUD-1', 'SCAM-1', 'VIOL-1', 'SELF-1', 'PRIV-1', 'IMP-1'],
  action: ['approve', 'remove', 'escalate', 'skip'],
  outcome: ['unreviewed', 'upheld', 'overturned'],
  bankCategory: ['any', 'none', 'child_safety', 'terrorism', 'previously_actioned'],
  classifierBand: ['none', 'low', 'medium', 'high'],
  groomingLevel: ['none', 'low', 'medium', 'high'],
};
const COLUMN: Record<string, string> = {
  moderatorId: 'moderator_id',
  queue: 'queue',
  category: 'category',
  reasonCode: 'reason_code',
  action: 'action',
  outcome: 'outcome',
  classifierBand: "coalesce(classifier_band, 'none')",
  groomingLevel: "coalesce(grooming_level, 'none')",
};
const random = xorshift32(11);
const pick = <T>(list: readonly T[]): T => list[random() % list.length]!;
const dims = Object.keys(values);
const combos: AuditFilter[] = [{}];
for (const dim of dims) for (const v of values[dim]!) combos.push({ [dim]: v });
for (let i = 0; i < 80; i += 1) {
  const chosen = [...dims].sort(() => (random() % 2 === 0 ? -1 : 1)).slice(0, 2 + (random() % 3));
  const filter: Record<string, string> = Object.fromEntries(chosen.map((d) => [d, pick(values[d]!)]));
  if (random() % 3 === 0)
    Object.assign(filter, {
      from: new Date(GENERATED_START + 5 * 86_400_000).toISOString(),
      to: new Date(GENERATED_START + 20 * 86_400_000).toISOString(),
    });
  combos.push(filter);
}
const sorts: AuditSort[] = [
  { by: 'decidedAt', direction: 'desc' },
  { by: 'handlingMs', direction: 'desc' },
];

function offsetStatement(filter: AuditFilter, sort: AuditSort) {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, param: unknown) => {
    where.push(clause);
    params.push(param);
  };
  for (const [key, value] of Object.entries(filter)) {
    if (key === 'bankCategory') {
      if (value === 'any') where.push('bank_category IS NOT NULL');
      else if (value === 'none') where.push('bank_category IS NULL');
      else add('bank_category = ?', value);
    } else if (key === 'from') add('decided_at >= ?', Date.parse(value));
    else if (key === 'to') add('decided_at < ?', Date.parse(value));
    else if (key === 'text') add('rowid IN (SELECT rowid FROM team_notes WHERE team_notes MATCH ?)', ftsQueryOf(value));
    else add(`${COLUMN[key]} = ?`, value);
  }
  const order = sort.by === 'decidedAt' ? 'decided_at DESC, rowid DESC' : 'coalesce(handling_ms, -1) DESC, rowid DESC';
  const statement = reader.prepare(`SELECT id FROM team_decisions WHERE ${where.join(' AND ') || '1'} ORDER BY ${order} LIMIT ${PAGE} OFFSET ?`);
  return (offset: number) => statement.all(...params, offset) as Array<{ id: string }>;
}

const keyset: number[] = [];
const offset: number[] = [];
const worst: Array<{ filter: string; p95: number }> = [];
let mismatches = 0;
let checkedPages = 0;
for (const filter of combos) {
  for (const sort of sorts) {
    const own: number[] = [];
    // Walk to page 30 (or the last one), timing every page; the OFFSET peer fetches pages 1, 10 and 30 the same way.
    let cursor: string | undefined;
    for (let page = 0; page < 30; page += 1) {
      const [result, t] = timed(() => logPage(store, { filter, sort, limit: PAGE, ...(cursor ? { cursor } : {}) }));
      own.push(t);
      if (page === 0 || page === 9 || page === 29) {
        const peer = offsetStatement(filter, sort);
        const [rows, tp] = timed(() => peer(page * PAGE));
        offset.push(tp);
        checkedPages += 1;
        if (rows.map((r) => r.id).join() !== result.rows.map((r) => r.id).join()) mismatches += 1;
      }
      cursor = result.nextCursor ?? undefined;
      if (!cursor) break;
    }
    keyset.push(...own);
    worst.push({ filter: `${JSON.stringify(filter)} ${sort.by}`, p95: pct(own, 0.95) });
  }
}
worst.sort((a, b) => b.p95 - a.p95);
console.log(
  `\npage query over ${combos.length} filter combinations x ${sorts.length} sorts (${keyset.length} keyset pages, ${offset.length} OFFSET pages at depths 1, 10 and 30):`,
);
console.log(
  `  keyset (ours):  p50 ${ms(median(keyset))}, p95 ${ms(pct(keyset, 0.95))}, max ${ms(Math.max(...keyset))}; worst combination p95 ${ms(worst[0]!.p95)} (${worst[0]!.filter})`,
);
console.log(`  OFFSET (peer):  p50 ${ms(median(offset))}, p95 ${ms(pct(offset, 0.95))}, max ${ms(Math.max(...offset))}`);
console.log(
  `  ratio (peer/ours): p50 ${(median(offset) / median(keyset)).toFixed(1)}x, p95 ${(pct(offset, 0.95) / pct(keyset, 0.95)).toFixed(1)}x; same rows on all ${checkedPages} compared pages: ${mismatches === 0 ? 'yes' : `NO (${mismatches} differ)`}`,
);
console.log(`  combinations with a page p95 over 20 ms: ${worst.filter((w) => w.p95 > 20).length} of ${worst.length}`);

// --- Full text ---
const searches = ['phishing', 'slur', 'satire acc', 'home address', 'spammer', 'borderline'];
const fts: number[] = [];
const like: number[] = [];
for (let run = 0; run < RUNS; run += 1) {
  for (const text of searches) {
    for (const extra of [{}, { moderatorId: pick(values.moderatorId!) }, { action: 'remove' }] as AuditFilter[]) {
      fts.push(timed(() => logPage(store, { filter: { ...extra, text }, sort: sorts[0]!, limit: PAGE }))[1]);
    }
    const word = text.split(' ')[0]!;
    like.push(
      timed(() =>
        reader.prepare(`SELECT id FROM team_decisions WHERE note LIKE ? ORDER BY decided_at DESC, rowid DESC LIMIT ${PAGE}`).all(`%${word}%`),
      )[1],
    );
  }
}
console.log(
  `\nfull text over notes, first page (${fts.length} queries): FTS5 p50 ${ms(median(fts))}, p95 ${ms(pct(fts, 0.95))}; peer LIKE '%word%' p50 ${ms(median(like))}, p95 ${ms(pct(like, 0.95))}; ratio p95 ${(pct(like, 0.95) / pct(fts, 0.95)).toFixed(1)}x`,
);

// --- QA samples of 500 ---
const draws: Array<[string, Parameters<typeof drawMembers>[1]]> = [
  ['random', { seed: 1, size: 500, mode: 'random' }],
  ['by moderator', { seed: 2, size: 500, mode: 'stratified', stratifyBy: 'moderator' }],
  ['by category', { seed: 3, size: 500, mode: 'stratified', stratifyBy: 'category' }],
  ['by severity', { seed: 4, size: 500, mode: 'stratified', stratifyBy: 'severity' }],
];
console.log('\nQA sample of 500 (median of 3):');
const STRATUM_COLUMN = { moderator: 'moderator_id', category: 'category', severity: 'severity' } as const;
/** The naive way to the same sample: read the whole population, rank it in JS, sort it, take each stratum's seats. */
function naiveDraw(input: Parameters<typeof drawMembers>[1]): string[] {
  const column = input.mode === 'stratified' ? STRATUM_COLUMN[input.stratifyBy!] : "''";
  const population = reader
    .prepare(`SELECT id, ${column} AS stratum, sample_key AS key FROM team_decisions WHERE action <> 'skip' AND moderator_id <> 'nobody'`)
    .all() as Array<{ id: string; stratum: string; key: number }>;
  const mixKey = sampleKeyOf(`qa-seed:${input.seed}`);
  const ranked = population.map((p) => ({ ...p, rank: (p.key ^ mixKey) >>> 0 })).sort((a, b) => a.rank - b.rank || (a.id < b.id ? -1 : 1));
  const counts = new Map<string, number>();
  for (const p of population) counts.set(p.stratum, (counts.get(p.stratum) ?? 0) + 1);
  const seats = allocate(
    [...counts].map(([stratum, n]) => ({ stratum, n })),
    input.size,
  );
  return ranked
    .filter((p) => {
      const left = seats.get(p.stratum) ?? 0;
      if (left === 0) return false;
      seats.set(p.stratum, left - 1);
      return true;
    })
    .map((p) => p.id);
}
for (const [label, input] of draws) {
  const times = Array.from({ length: RUNS }, () => timed(() => drawMembers(store, input, 'nobody'))[1]);
  const peerTimes = Array.from({ length: RUNS }, () => timed(() => naiveDraw(input))[1]);
  const same =
    [...naiveDraw(input)].sort().join() ===
    drawMembers(store, input, 'nobody')
      .map((m) => m.decisionId)
      .sort()
      .join();
  console.log(
    `  ${label}: ${ms(median(times))}; peer (whole population read and sorted in JS) ${ms(median(peerTimes))}; ratio ${(median(peerTimes) / median(times)).toFixed(1)}x; same sample: ${same ? 'yes' : 'NO'}`,
  );
}

// --- Chain verification ---
const ownTmp = tempDir('audit-bench-own');
const own = openStore(path.join(ownTmp.dir, 'workstation.db'));
const [, ownBuild] = timed(() =>
  own.transaction(() => {
    for (let i = 0; i < OWN_CHAIN; i += 1) {
      own.recordDecision(
        {
          id: `own-${i}`,
          itemId: `item-${i}`,
          assignmentId: 'asg',
          accountId: 'mod',
          action: 'approve',
          reasonCode: null,
          note: i % 7 === 0 ? 'checked twice' : null,
          decidedAt: new Date(GENERATED_START + i * 1000).toISOString(),
          undoUntil: new Date(GENERATED_START + i * 1000 + 5000).toISOString(),
          supersedes: null,
        },
        { idempotencyKey: `own-${i}` },
      );
    }
  }),
);
const verifyTimes = Array.from({ length: RUNS }, () => timed(() => verifyOwnChain(own))[1]);
const records = (
  own.chainRecords as () => IterableIterator<{
    id: string;
    itemId: string;
    assignmentId: string;
    accountId: string;
    action: string;
    reasonCode: string | null;
    note: string | null;
    decidedAt: string;
    supersedes: string | null;
  }>
)();
const rows = [...records];
const hashTimes = Array.from(
  { length: RUNS },
  () =>
    timed(() => {
      let previous = GENESIS_HASH;
      rows.forEach((r, i) => (previous = chainHash(previous, { ...r, idempotencyKey: r.id, workstationId: 'ws', seq: i + 1 })));
    })[1],
);
const rate = (n: number, t: number) => Math.round(n / (t / 1000)).toLocaleString('en');
console.log(`\nchain: ${OWN_CHAIN.toLocaleString('en')} decisions recorded with their links in ${(ownBuild / 1000).toFixed(1)} s`);
console.log(
  `  verify (read + recompute + compare): ${rate(OWN_CHAIN, median(verifyTimes))} records/s; peer (hashing alone, rows in memory): ${rate(OWN_CHAIN, median(hashTimes))} records/s; ratio ${(median(verifyTimes) / median(hashTimes)).toFixed(2)}x of hashing`,
);
own.close();
ownTmp.remove();

// --- PDF report at a million decisions ---
const pdfTimes: number[] = [];
const contentTimes: number[] = [];
for (let run = 0; run < RUNS; run += 1) {
  contentTimes.push(timed(() => (agreement(store, 0, 8.64e15), verifyOwnChain(store), verifyTeamChains(store)))[1]);
  pdfTimes.push(
    (await timedAsync(() => exportPdf(store, path.join(tmp.dir, 'exports'), { filter: {} }, new Date(GENERATED_START).toISOString())))[1],
  );
}
console.log(
  `\nPDF audit report over ${DECISIONS.toLocaleString('en')} decisions: ${ms(median(pdfTimes))}; peer (computing its figures alone: agreement and chains) ${ms(median(contentTimes))}; ratio ${(median(pdfTimes) / median(contentTimes)).toFixed(2)}x`,
);
reader.close();
store.close();
tmp.remove();

// --- Download of a 100,000-decision period from the reference upstream ---
const [upstream, seedMs] = await timedAsync(() => startUpstream({ port: 0, size: 8, auditHistory: DOWNLOAD, log: () => {} }));
const dlTmp = tempDir('audit-bench-download');
try {
  const period = { from: new Date(Date.now() - 30 * 86_400_000).toISOString(), to: new Date(Date.now() + 86_400_000).toISOString() };
  const client = createUpstreamClient({ baseUrl: upstream.url, timeoutMs: 120_000 });
  const { token, account } = await client.login('supervisor1', 'demo');
  const [fetched, fetchMs] = await timedAsync(async () => {
    let cursor: string | null = null;
    let n = 0;
    do {
      const page = await client.auditPage(token, { teamId: account.teamId!, ...period, cursor, limit: 1000 });
      n += page.records.length;
      cursor = page.cursor;
    } while (cursor !== null);
    return n;
  });
  const core = await createCore({ platform: createTestPlatform(dlTmp.dir), upstreamUrl: upstream.url, syncPollMs: 3_600_000 });
  await core.dispatch('session.login', { username: 'supervisor1', password: 'demo' });
  const [status, downloadMs] = await timedAsync(() => core.dispatch('audit.download', period) as Promise<{ decisions: number }>);
  await core.close();
  console.log(
    `\ndownload of a period with ${status.decisions.toLocaleString('en')} decisions (${fetched.toLocaleString('en')} records; upstream seeded in ${(seedMs / 1000).toFixed(1)} s):`,
  );
  console.log(
    `  verified and stored (ours): ${(downloadMs / 1000).toFixed(1)} s, ${rate(fetched, downloadMs)} records/s; peer (fetching and parsing the same pages, nothing stored): ${(fetchMs / 1000).toFixed(1)} s, ${rate(fetched, fetchMs)} records/s; ratio ${(downloadMs / fetchMs).toFixed(2)}x`,
  );
} finally {
  await upstream.close();
  dlTmp.remove();
}

/**
 * A team's past: weeks of decisions by the demo moderators, with the disagreement a real team
 * shows (one moderator stricter, one more lenient, reason codes confused between neighbouring
 * categories), QA results and their corrections, moderators' own corrections, and a few appeals,
 * so a supervisor's log, QA sample and agreement charts are full on first start. Deterministic
 * for a seed and an end time; written in a few multi-row statements so startup stays quick.
 */
import { chainHash } from '@workstation/protocol/checksums';
import { GENESIS_HASH, type ClassifierBand, type DecisionSignals, type GroomingLevel } from '@workstation/protocol';
import type { Db } from '../../db';
import { Random } from '../../demo/random';

export interface HistoryOptions {
  /** How many first decisions to make (corrections and QA come on top). */
  decisions: number;
  /** The history ends here (default: the start of the current UTC hour). */
  endsAt?: Date;
  days?: number;
  seed?: number;
}

const DAY_MS = 86_400_000;
const ROWS_PER_STATEMENT = 5000;
export const HISTORY_ITEM_PREFIX = 'hist_';

interface Topic {
  category: string;
  weight: number;
  /** Share of reported items that really break the policy. */
  violating: number;
  reportReason: string | null;
  /** Reason codes a moderator takes for this one by mistake, and how often. */
  confusedWith: string | null;
  confusion: number;
  notes: readonly string[];
  captions: readonly string[];
}

const TOPICS: readonly Topic[] = [
  {
    category: 'spam',
    weight: 22,
    violating: 0.65,
    reportReason: 'spam',
    confusedWith: 'SCAM-1',
    confusion: 0.12,
    notes: ['repeat spammer, same link as last week', 'engagement bait, follow-for-follow ring', 'link shortener hides a casino site'],
    captions: ['Win a free phone!!! click the link in bio', 'Follow me and I follow back, 100% real', 'Cheap followers, DM for prices'],
  },
  {
    category: 'hate',
    weight: 12,
    violating: 0.55,
    reportReason: 'hate_speech',
    confusedWith: 'HARASS-1',
    confusion: 0.2,
    notes: ['slur in caption, targets ethnicity', 'dehumanising comparison in comments', 'quoting a slur to condemn it, counter-speech'],
    captions: ['They are all the same, send them back', 'Reposting what he said so you all see it', 'Proud of my heritage'],
  },
  {
    category: 'harassment',
    weight: 14,
    violating: 0.5,
    reportReason: 'harassment',
    confusedWith: 'HATE-1',
    confusion: 0.15,
    notes: ['targets a named classmate, repeated', 'pile-on in the comments', 'banter between friends, both joking'],
    captions: ['Everyone look at how ugly she is', 'You will regret this', 'lol you wish you were this good'],
  },
  {
    category: 'adult_sexual',
    weight: 14,
    violating: 0.45,
    reportReason: 'nudity',
    confusedWith: 'SEX-1',
    confusion: 0.15,
    notes: ['borderline nudity, artistic context', 'explicit, no age signal', 'solicitation in the bio link'],
    captions: ['New shoot, swipe for more', 'Beach day', 'Life drawing class results'],
  },
  {
    category: 'fraud',
    weight: 10,
    violating: 0.7,
    reportReason: 'scam',
    confusedWith: 'SPAM-1',
    confusion: 0.15,
    notes: ['phishing link to fake bank login', 'advance-fee offer, asks for gift cards', 'crypto doubling scheme'],
    captions: ['Send 1 coin get 2 back, limited time', 'Your account is locked, verify here', 'Investment tips, DM me'],
  },
  {
    category: 'violence',
    weight: 8,
    violating: 0.5,
    reportReason: 'violence',
    confusedWith: 'TERR-1',
    confusion: 0.05,
    notes: ['graphic injury, news context', 'threat aimed at named person', 'praises an attack'],
    captions: ['Street fight last night', 'This is what happens to traitors', 'Accident on the highway'],
  },
  {
    category: 'self_harm',
    weight: 4,
    violating: 0.4,
    reportReason: 'self_harm',
    confusedWith: null,
    confusion: 0,
    notes: ['self-harm mention, sent support resources', 'recovery story, allowed'],
    captions: ['I cannot do this anymore', 'One year clean today'],
  },
  {
    category: 'impersonation',
    weight: 5,
    violating: 0.55,
    reportReason: 'impersonation',
    confusedWith: 'SCAM-1',
    confusion: 0.1,
    notes: ['impersonates a journalist', 'fan account, clearly labelled'],
    captions: ['Official account of the mayor', 'Fan page, not affiliated'],
  },
  {
    category: 'privacy',
    weight: 4,
    violating: 0.6,
    reportReason: null,
    confusedWith: 'HARASS-1',
    confusion: 0.15,
    notes: ['posted home address', 'screenshot with phone number visible'],
    captions: ['Here is where he lives', 'Call this number if you see her'],
  },
  {
    category: 'child_safety',
    weight: 2,
    violating: 0.6,
    reportReason: 'child_safety',
    confusedWith: null,
    confusion: 0,
    notes: ['asked age and to keep it secret', 'moved to another app, offered gifts'],
    captions: ['you seem mature for your age', 'dont tell your parents ok'],
  },
  {
    category: 'none',
    weight: 5,
    violating: 0,
    reportReason: 'other',
    confusedWith: null,
    confusion: 0,
    notes: ['reported by mistake, nothing here'],
    captions: ['Sunset from my balcony', 'Coffee and a good book'],
  },
];

/** How each demo moderator leans: extra removals of allowed content, extra approvals of violations, seconds per item. */
const STYLES: Readonly<Record<string, { strict: number; lenient: number; confuse: number; seconds: number }>> = {
  mod1: { strict: 0.03, lenient: 0.04, confuse: 1, seconds: 26 },
  mod2: { strict: 0.18, lenient: 0.02, confuse: 1, seconds: 31 },
  mod3: { strict: 0.04, lenient: 0.05, confuse: 0.8, seconds: 52 },
  mod4: { strict: 0.02, lenient: 0.2, confuse: 1.2, seconds: 17 },
  mod5: { strict: 0.05, lenient: 0.06, confuse: 1.8, seconds: 38 },
  supervisor1: { strict: 0.02, lenient: 0.02, confuse: 0.5, seconds: 35 },
};

interface Decided {
  key: string;
  item: string;
  assignment: string;
  account: string;
  workstation: string;
  action: 'approve' | 'remove' | 'escalate' | 'skip';
  reason: string | null;
  note: string | null;
  at: number;
  supersedes: string | null;
  signals: DecisionSignals;
  handling: number;
  viewing: { clearReveals: number; clearMs: number } | null;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** Inserts rows as jsonb_to_recordset batches: one round trip per ROWS_PER_STATEMENT rows. */
async function insertRows(db: Db, table: string, columns: string, rows: readonly object[]): Promise<void> {
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const names = columns
      .split(',')
      .map((c) => c.trim().split(' ')[0])
      .join(', ');
    await db.query(`INSERT INTO ${table} (${names}) SELECT ${names} FROM jsonb_to_recordset($1::jsonb) AS x(${columns})`, [
      JSON.stringify(rows.slice(start, start + ROWS_PER_STATEMENT)),
    ]);
  }
}

function band(rng: Random, strong: boolean): ClassifierBand {
  const r = rng.next();
  if (strong) return r < 0.5 ? 'high' : r < 0.8 ? 'medium' : r < 0.92 ? 'low' : 'none';
  return r < 0.85 ? 'none' : r < 0.96 ? 'low' : 'medium';
}

function grooming(rng: Random, topic: Topic, violating: boolean): GroomingLevel {
  if (topic.category !== 'child_safety') return rng.chance(0.02) ? 'low' : 'none';
  return violating ? (rng.chance(0.6) ? 'high' : 'medium') : rng.chance(0.5) ? 'low' : 'none';
}

/**
 * Seeds the history once: a database that has it (or any decision) is left as it is. The check and
 * the writes share one transaction under an advisory lock, so two servers starting together on one
 * Postgres seed it once.
 */
export async function seedAuditHistoryIfEmpty(db: Db, options: HistoryOptions): Promise<{ decisions: number } | null> {
  return db.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('upstream.seed.history'))`);
    if ((await tx.query('SELECT 1 FROM decisions LIMIT 1')).length > 0) return null;
    return seedAuditHistory(tx, options);
  });
}

async function seedAuditHistory(db: Db, options: HistoryOptions): Promise<{ decisions: number } | null> {
  const rng = new Random(options.seed ?? 11);
  const endsAt = options.endsAt ?? new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
  const days = options.days ?? 28;
  const start = endsAt.getTime() - days * DAY_MS;

  const people = await db.query<{ id: string; username: string }>(`SELECT id, username FROM accounts WHERE username = ANY($1::text[])`, [
    Object.keys(STYLES),
  ]);
  const idOf = new Map(people.map((p) => [p.username, p.id]));
  const moderators = ['mod1', 'mod2', 'mod3', 'mod4', 'mod5'].filter((u) => idOf.has(u));
  const supervisor = idOf.get('supervisor1');
  if (moderators.length === 0 || !supervisor) return null;
  const codes = await db.query<{ code: string; category: string }>('SELECT code, category FROM reason_codes ORDER BY position');
  const codeFor = (category: string): string | null => codes.find((c) => c.category === category)?.code ?? null;
  const totalWeight = TOPICS.reduce((sum, t) => sum + t.weight, 0);
  const pickTopic = (): Topic => {
    let r = rng.next() * totalWeight;
    for (const topic of TOPICS) if ((r -= topic.weight) < 0) return topic;
    return TOPICS[0]!;
  };

  const platformAccounts = Array.from({ length: 300 }, (_, i) => ({
    id: `hist_acc_${i + 1}`,
    handle: `user${(i * 7919) % 100_000}`,
    display_name: `History account ${i + 1}`,
    created_at: iso(start - rng.int(30, 2000) * DAY_MS),
    prior_strikes: rng.chance(0.8) ? 0 : rng.int(1, 3),
    prior_actions: [],
    followers: rng.int(5, 50_000),
    bio: '',
  }));

  const items: object[] = [];
  const assignments = new Map<string, object>();
  const decided: Decided[] = [];
  const truth = new Map<string, { action: Decided['action']; reason: string | null }>();

  for (let n = 1; n <= options.decisions; n += 1) {
    const topic = pickTopic();
    // Supervisors take a shift now and then: a few of the team's decisions are theirs.
    const username = rng.chance(0.004) ? 'supervisor1' : rng.pick(moderators);
    const style = STYLES[username]!;
    const itemId = `${HISTORY_ITEM_PREFIX}${String(n).padStart(6, '0')}`;
    const violating = rng.chance(topic.violating);
    const trueCode = codeFor(topic.category);
    const escalates = violating && (topic.category === 'child_safety' || (topic.category === 'violence' && rng.chance(0.2)));
    const trueAction: Decided['action'] = !violating || trueCode === null ? 'approve' : escalates ? 'escalate' : 'remove';
    truth.set(itemId, {
      action: trueAction,
      reason: trueAction === 'approve' ? null : escalates && topic.category === 'violence' ? 'TERR-1' : trueCode,
    });

    let action: Decided['action'] = trueAction;
    if (violating && rng.chance(0.04 + style.lenient)) action = 'approve';
    if (!violating && trueCode !== null && rng.chance(0.03 + style.strict)) action = 'remove';
    if (rng.chance(0.015)) action = 'skip';
    let reason: string | null = action === 'approve' || action === 'skip' ? null : (truth.get(itemId)!.reason ?? trueCode);
    if (reason !== null && topic.confusedWith && rng.chance(topic.confusion * style.confuse)) reason = topic.confusedWith;

    const dayIndex = rng.int(0, days - 1);
    const at = start + dayIndex * DAY_MS + rng.int(7 * 3600, 19 * 3600) * 1000 + rng.int(0, 999);
    const assignment = `hist_asg_${username}_${dayIndex}`;
    if (!assignments.has(assignment)) {
      assignments.set(assignment, {
        id: assignment,
        account_id: idOf.get(username),
        created_at: iso(start + dayIndex * DAY_MS),
        lease_expires_at: iso(start + (dayIndex + 1) * DAY_MS),
      });
    }
    const bank =
      topic.category === 'violence' && escalates
        ? 'terrorism'
        : (topic.category === 'spam' || topic.category === 'fraud') && violating && rng.chance(0.03)
          ? 'previously_actioned'
          : null;
    const hasImage = topic.category !== 'child_safety' && rng.chance(0.6);
    const kind = topic.category === 'child_safety' ? 'direct_message' : hasImage ? 'post' : rng.pick(['post', 'comment'] as const);
    const reported = topic.reportReason !== null && rng.chance(0.7);
    const seconds = style.seconds * Math.exp(rng.next() * 1.2 - 0.6) * (topic.category === 'spam' ? 0.6 : 1);
    const reveals = hasImage && rng.chance(topic.category === 'adult_sexual' || topic.category === 'violence' ? 0.25 : 0.06) ? rng.int(1, 3) : 0;
    items.push({
      id: itemId,
      kind,
      locale: rng.pick(['en', 'en', 'de', 'es']),
      created_at: iso(at - rng.int(600, (3 * DAY_MS) / 1000) * 1000),
      source: reported ? 'user_report' : 'proactive',
      report_reason: reported ? topic.reportReason : null,
      caption: kind === 'direct_message' ? null : rng.pick(topic.captions),
      media: [],
      comments: [],
      thread:
        kind === 'direct_message'
          ? [{ id: `${itemId}_m1`, fromHandle: 'a', toHandle: 'b', text: rng.pick(topic.captions), sentAt: iso(at - 3_600_000) }]
          : [],
      platform_account_id: rng.pick(platformAccounts).id,
      demo_tags: [],
      priority: bank ? 0 : 1,
      final_account_id: action === 'skip' ? null : idOf.get(username),
    });
    const note = action === 'skip' ? 'Skipped: not_my_language' : rng.chance(0.18) ? rng.pick(topic.notes) : null;
    decided.push({
      key: `hist-d-${String(n).padStart(6, '0')}`,
      item: itemId,
      assignment,
      account: idOf.get(username)!,
      workstation: `ws-${username}`,
      action,
      reason,
      note,
      at,
      supersedes: null,
      signals: {
        bankCategory: bank,
        classifierBand: band(rng, violating && (topic.category === 'adult_sexual' || topic.category === 'violence')),
        groomingLevel: grooming(rng, topic, violating),
      },
      handling: Math.round(seconds * 1000),
      viewing: hasImage ? { clearReveals: reveals, clearMs: reveals * rng.int(800, 4000) } : null,
    });
  }

  // Moderators correct themselves now and then, within the hour.
  const selfCorrections: Decided[] = [];
  for (const d of decided) {
    const right = truth.get(d.item)!;
    if (d.action === 'skip' || (d.action === right.action && d.reason === right.reason) || !rng.chance(0.06)) continue;
    selfCorrections.push({
      ...d,
      key: d.key.replace('hist-d-', 'hist-s-'),
      action: right.action,
      reason: right.reason,
      note: 'second look: corrected',
      at: d.at + rng.int(60, 3600) * 1000,
      supersedes: d.key,
      handling: rng.int(5000, 20000),
      viewing: null,
    });
  }
  const all = [...decided, ...selfCorrections].sort((a, b) => a.at - b.at || (a.key < b.key ? -1 : 1));

  // Each moderator's workstation chains its records in the order it made them.
  const heads = new Map<string, { account: string; seq: number; hash: string; at: number }>();
  const decisionRows = all.map((d) => {
    const previous = heads.get(d.workstation) ?? { account: d.account, seq: 0, hash: GENESIS_HASH, at: d.at };
    const seq = previous.seq + 1;
    const hash = chainHash(previous.hash, {
      workstationId: d.workstation,
      seq,
      idempotencyKey: d.key,
      itemId: d.item,
      assignmentId: d.assignment,
      accountId: d.account,
      action: d.action,
      reasonCode: d.reason,
      note: d.note,
      decidedAt: iso(d.at),
      supersedes: d.supersedes,
    });
    heads.set(d.workstation, { account: d.account, seq, hash, at: d.at });
    return {
      idempotency_key: d.key,
      item_id: d.item,
      assignment_id: d.assignment,
      account_id: d.account,
      action: d.action,
      reason_code: d.reason,
      note: d.note,
      decided_at: iso(d.at),
      received_at: iso(d.at + 6000),
      supersedes: d.supersedes,
      signals: d.signals,
      handling_ms: d.handling,
      viewing: d.viewing,
      workstation_id: d.workstation,
      chain_seq: seq,
      chain_prev: previous.hash,
      chain_hash: hash,
    };
  });

  // QA: the supervisor re-reviews about one decision in fourteen; disagreement is overturned with a reason.
  const qa: object[] = [];
  const corrections: object[] = [];
  decided.forEach((d, index) => {
    if (d.action === 'skip' || d.account === supervisor || !rng.chance(0.07)) return;
    const right = truth.get(d.item)!;
    const agree = d.action === right.action && d.reason === right.reason;
    const key = `hist-qa-${String(index + 1).padStart(6, '0')}`;
    const reason = agree
      ? null
      : right.action === 'approve'
        ? 'Within policy on a closer read; the context allows it.'
        : `Breaks ${right.reason}: see the policy examples.`;
    const reviewedAt = iso(Math.min(d.at + rng.int(1, 4) * DAY_MS, endsAt.getTime() - 60_000));
    qa.push({
      idempotency_key: key,
      decision_key: d.key,
      reviewer_id: supervisor,
      action: right.action,
      reason_code: right.reason,
      note: null,
      verdict: agree ? 'agree' : 'overturn',
      reason,
      reviewed_at: reviewedAt,
      received_at: reviewedAt,
    });
    if (!agree)
      corrections.push({
        id: key,
        decision_key: d.key,
        source: 'qa',
        action: right.action,
        reason_code: right.reason,
        reason,
        corrected_by: supervisor,
        created_at: reviewedAt,
      });
  });

  // Appeals of removals: some decided, most waiting; one of them about the supervisor's own decision.
  const removals = decided.filter((d) => d.action === 'remove');
  const others = removals.filter((d) => d.account !== supervisor);
  const appealed = [
    ...others.filter((_, i) => i % Math.max(1, Math.floor(others.length / 11)) === 7).slice(0, 11),
    ...removals.filter((d) => d.account === supervisor).slice(0, 1),
  ];
  const appeals = appealed.map((d, i) => {
    const decidedNow = i % 3 === 0 && d.account !== supervisor;
    const right = truth.get(d.item)!;
    const overturned = decidedNow && right.action === 'approve';
    const at = d.at + DAY_MS;
    const key = `hist-apd-${i + 1}`;
    if (overturned)
      corrections.push({
        id: key,
        decision_key: d.key,
        source: 'appeal',
        action: 'approve',
        reason_code: null,
        reason: 'Appeal upheld: the post is within policy.',
        corrected_by: supervisor,
        created_at: iso(at + DAY_MS),
      });
    return {
      id: `hist-ap-${i + 1}`,
      decision_key: d.key,
      created_at: iso(at),
      statement: rng.pick([
        'This was a joke between friends.',
        'I was quoting it to call it out.',
        'It is my own artwork.',
        'I did not know the link was bad.',
      ]),
      outcome: decidedNow ? (overturned ? 'overturned' : 'upheld') : null,
      reason: decidedNow ? (overturned ? 'Appeal upheld: the post is within policy.' : 'The removal stands: it breaks the policy.') : null,
      decided_by: decidedNow ? supervisor : null,
      decided_at: decidedNow ? iso(at + DAY_MS) : null,
      decided_key: decidedNow ? key : null,
    };
  });

  await db.transaction(async (tx) => {
    await insertRows(
      tx,
      'platform_accounts',
      'id text, handle text, display_name text, created_at timestamptz, prior_strikes int, prior_actions jsonb, followers int, bio text',
      platformAccounts,
    );
    await insertRows(tx, 'assignments', 'id text, account_id text, created_at timestamptz, lease_expires_at timestamptz', [...assignments.values()]);
    await insertRows(
      tx,
      'items',
      'id text, kind text, locale text, created_at timestamptz, source text, report_reason text, caption text, media jsonb, comments jsonb, thread jsonb, platform_account_id text, demo_tags jsonb, priority smallint, final_account_id text',
      items,
    );
    await insertRows(
      tx,
      'decisions',
      'idempotency_key text, item_id text, assignment_id text, account_id text, action text, reason_code text, note text, decided_at timestamptz, received_at timestamptz, supersedes text, signals jsonb, handling_ms int, viewing jsonb, workstation_id text, chain_seq int, chain_prev text, chain_hash text',
      decisionRows,
    );
    await insertRows(
      tx,
      'qa_reviews',
      'idempotency_key text, decision_key text, reviewer_id text, action text, reason_code text, note text, verdict text, reason text, reviewed_at timestamptz, received_at timestamptz',
      qa,
    );
    await insertRows(
      tx,
      'appeals',
      'id text, decision_key text, created_at timestamptz, statement text, outcome text, reason text, decided_by text, decided_at timestamptz, decided_key text',
      appeals,
    );
    await insertRows(
      tx,
      'corrections',
      'id text, decision_key text, source text, action text, reason_code text, reason text, corrected_by text, created_at timestamptz',
      corrections,
    );
    await insertRows(
      tx,
      'chain_heads',
      'workstation_id text, account_id text, seq int, hash text, reported_at timestamptz, received_at timestamptz',
      [...heads].map(([workstation, h]) => ({
        workstation_id: workstation,
        account_id: h.account,
        seq: h.seq,
        hash: h.hash,
        reported_at: iso(h.at + 60_000),
        received_at: iso(h.at + 61_000),
      })),
    );
  });
  return { decisions: decisionRows.length };
}

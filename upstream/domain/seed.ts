import type { Db } from '../db';
import { DEMO_TAGS, generateDemoData, type DemoData, type DemoOptions } from '../demo';
import { countAccounts, createAccount, createTeam, type NewAccount } from './accounts';
import { countItems } from './items';

export const DEMO_PASSWORD = 'demo';

/** One team, so a supervisor has colleagues' work to audit and a wellness lead a team to see. */
export const DEMO_TEAM = { id: 'team-north', name: 'North review team' } as const;

const member = (username: string, displayName: string, role: NewAccount['role'], childSafetyCleared = false): NewAccount => ({
  username,
  displayName,
  role,
  password: DEMO_PASSWORD,
  teamId: DEMO_TEAM.id,
  childSafetyCleared,
  isDemo: true,
});

/** mod1 and mod3 are cleared for child-safety material; mod2, mod4 and mod5 are not. */
export const DEMO_ACCOUNTS: readonly NewAccount[] = [
  member('mod1', 'Mina Moderator', 'moderator', true),
  member('supervisor1', 'Sam Supervisor', 'supervisor', true),
  member('wellness1', 'Wren Wellness', 'wellness_lead'),
  member('mod2', 'Omar Haddad', 'moderator'),
  member('mod3', 'Lena Vogt', 'moderator', true),
  member('mod4', 'Priya Nair', 'moderator'),
  member('mod5', 'Tomás Reyes', 'moderator'),
];

async function seedDemoAccounts(db: Db): Promise<void> {
  await createTeam(db, DEMO_TEAM);
  for (const account of DEMO_ACCOUNTS) await createAccount(db, account);
}

async function seedDemoItems(db: Db, data: DemoData): Promise<void> {
  for (const a of data.accounts) {
    await db.query(
      `INSERT INTO platform_accounts (id, handle, display_name, created_at, prior_strikes, prior_actions, followers, bio)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8)`,
      [a.id, a.handle, a.displayName, a.createdAt, a.priorStrikes, JSON.stringify(a.priorActions), a.followers, a.bio],
    );
  }
  const dimensions = new Map(data.items.flatMap((item) => item.media).map((m) => [m.sha256, m]));
  for (const [sha256, file] of data.media) {
    const declared = dimensions.get(sha256);
    await db.query('INSERT INTO media (sha256, mime_type, width, height, bytes) VALUES ($1, $2, $3, $4, $5)', [
      sha256,
      file.mimeType,
      declared?.width ?? 0,
      declared?.height ?? 0,
      file.bytes,
    ]);
  }
  for (const item of data.items) {
    await db.query(
      `INSERT INTO items (id, kind, locale, created_at, source, report_reason, caption, media, comments, thread,
                          platform_account_id, demo_tags, priority)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb, $10::jsonb, $11, $12::jsonb, $13)`,
      [
        item.id,
        item.kind,
        item.locale,
        item.createdAt,
        item.source,
        item.reportReason,
        item.caption,
        JSON.stringify(item.media),
        JSON.stringify(item.comments),
        JSON.stringify(item.thread),
        item.account.id,
        JSON.stringify(item.demoTags),
        item.demoTags.includes(DEMO_TAGS.hashBankMatch) ? 0 : 1,
      ],
    );
  }
}

/**
 * Fills an empty database with the demo accounts and items, in one transaction. The advisory
 * lock and the re-check inside it let two servers start on one Postgres without both seeding.
 */
export async function seedDemoIfEmpty(db: Db, options: DemoOptions): Promise<{ items: number; media: number } | null> {
  if ((await countAccounts(db)) > 0 && (await countItems(db)) > 0) return null;
  const data = await generateDemoData(options);
  return db.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('upstream.seed'))`);
    if ((await countAccounts(tx)) === 0) await seedDemoAccounts(tx);
    if ((await countItems(tx)) > 0) return null;
    await seedDemoItems(tx, data);
    return { items: data.items.length, media: data.media.size };
  });
}

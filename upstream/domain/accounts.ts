import { randomUUID } from 'node:crypto';
import type { Account, Role } from '@workstation/protocol';
import type { Db } from '../db';
import { hashPassword, verifyPassword } from './passwords';

export interface NewAccount {
  username: string;
  displayName: string;
  role: Role;
  password: string;
  teamId?: string | null;
  childSafetyCleared?: boolean;
  isDemo?: boolean;
}

/** The columns an Account is read from; callers select them (aliased a.*) and map with toAccount. */
export interface AccountRow {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  team_id: string | null;
  child_safety_cleared: boolean;
}

export const toAccount = (row: AccountRow): Account => ({
  id: row.id,
  username: row.username,
  displayName: row.display_name,
  role: row.role,
  teamId: row.team_id,
  childSafetyCleared: row.child_safety_cleared,
});

export async function createTeam(db: Db, team: { id: string; name: string }): Promise<void> {
  await db.query('INSERT INTO teams (id, name) VALUES ($1, $2)', [team.id, team.name]);
}

export async function createAccount(db: Db, account: NewAccount): Promise<Account> {
  const [row] = await db.query<AccountRow>(
    `INSERT INTO accounts (id, username, display_name, role, password_hash, team_id, child_safety_cleared, is_demo)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
    [
      randomUUID(),
      account.username,
      account.displayName,
      account.role,
      await hashPassword(account.password),
      account.teamId ?? null,
      account.childSafetyCleared ?? false,
      account.isDemo ?? false,
    ],
  );
  return toAccount(row!);
}

// Checked against when the username is unknown, so a miss costs the same time as a wrong password.
let decoyHash: Promise<string> | undefined;

export async function verifyCredentials(db: Db, username: string, password: string): Promise<Account | null> {
  const [row] = await db.query<AccountRow & { password_hash: string }>('SELECT * FROM accounts WHERE username = $1', [username]);
  decoyHash ??= hashPassword('decoy');
  const ok = await verifyPassword(password, row?.password_hash ?? (await decoyHash));
  return row && ok ? toAccount(row) : null;
}

export async function listDemoAccounts(db: Db): Promise<Account[]> {
  const rows = await db.query<AccountRow>('SELECT * FROM accounts WHERE is_demo ORDER BY created_at, username');
  return rows.map(toAccount);
}

export async function countAccounts(db: Db): Promise<number> {
  const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM accounts');
  return row!.n;
}

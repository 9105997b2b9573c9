import { createHash, randomBytes } from 'node:crypto';
import type { Account } from '@workstation/protocol';
import type { Db } from '../db';
import { type AccountRow, toAccount } from './accounts';

// Only the hash is stored, so a leaked database does not hand out live tokens.
const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export async function createSession(db: Db, accountId: string): Promise<string> {
  const token = randomBytes(32).toString('hex');
  await db.query('INSERT INTO sessions (token_hash, account_id) VALUES ($1, $2)', [hashToken(token), accountId]);
  return token;
}

export async function accountForToken(db: Db, token: string): Promise<Account | null> {
  const [row] = await db.query<AccountRow>(
    `SELECT a.id, a.username, a.display_name, a.role, a.team_id, a.child_safety_cleared
     FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE s.token_hash = $1`,
    [hashToken(token)],
  );
  return row ? toAccount(row) : null;
}

export async function deleteSession(db: Db, token: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE token_hash = $1', [hashToken(token)]);
}

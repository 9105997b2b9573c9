import type { Policy, ReasonCode } from '@workstation/protocol';
import type { Db } from '../db';

export async function getPolicy(db: Db): Promise<Policy> {
  const [latest] = await db.query<{ version: number }>('SELECT max(version) AS version FROM policy_versions');
  const reasonCodes = await db.query<ReasonCode>('SELECT code, label, category, description, actions FROM reason_codes ORDER BY position, code');
  return { version: latest!.version, reasonCodes };
}

export async function reasonCodeExists(db: Db, code: string): Promise<boolean> {
  return (await db.query('SELECT 1 FROM reason_codes WHERE code = $1', [code])).length > 0;
}

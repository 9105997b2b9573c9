import type { ReasonCode } from '../../api';
import type { Db } from './database';

export interface StoredPolicy {
  version: number;
  reasonCodes: ReasonCode[];
  syncedAt: string;
}

/** Small synced or remembered state: the policy, and named settings such as the last sync. */
export function settingQueries(db: Db) {
  const getSetting = db.prepare(`SELECT value FROM settings WHERE key = ?`);
  const putSetting = db.prepare(`INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
  const deleteSetting = db.prepare(`DELETE FROM settings WHERE key = ?`);
  const getPolicy = db.prepare(`SELECT version, reason_codes, synced_at FROM policy WHERE id = 1`);
  const putPolicy = db.prepare(
    `INSERT INTO policy (id, version, reason_codes, synced_at) VALUES (1, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET version = excluded.version, reason_codes = excluded.reason_codes,
       synced_at = excluded.synced_at`,
  );
  return {
    setting(key: string): string | null {
      return (getSetting.get(key) as { value: string } | undefined)?.value ?? null;
    },
    putSetting(key: string, value: string): void {
      putSetting.run(key, value);
    },
    deleteSetting(key: string): void {
      deleteSetting.run(key);
    },
    policy(): StoredPolicy | null {
      const r = getPolicy.get() as { version: number; reason_codes: string; synced_at: string } | undefined;
      return r ? { version: r.version, reasonCodes: JSON.parse(r.reason_codes) as ReasonCode[], syncedAt: r.synced_at } : null;
    },
    putPolicy(p: StoredPolicy): void {
      putPolicy.run(p.version, JSON.stringify(p.reasonCodes), p.syncedAt);
    },
  };
}

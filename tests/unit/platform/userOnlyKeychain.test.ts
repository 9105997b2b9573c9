import { statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { userOnlyKeychain } from '../../../electron/core/platform/userOnlyKeychain';
import { tempDir } from '../store/fixtures';

let tmp: ReturnType<typeof tempDir> | null = null;
afterEach(() => {
  tmp?.remove();
  tmp = null;
});

describe("browser mode's keychain", () => {
  it('keeps secrets in a 0600 file and warns the first time only', async () => {
    tmp = tempDir('keychain');
    const lines: string[] = [];
    const keychain = userOnlyKeychain(tmp.dir, (line) => lines.push(line));
    await keychain.set('store-root-key', 'a'.repeat(64));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/warning: browser mode keeps this workstation's keys in .*keychain\.json, readable only by you \(mode 0600\)/);
    expect(statSync(path.join(tmp.dir, 'keychain.json')).mode & 0o777).toBe(0o600);

    const again: string[] = [];
    expect(await userOnlyKeychain(tmp.dir, (line) => again.push(line)).get('store-root-key')).toBe('a'.repeat(64));
    expect(again).toEqual([]);
  });
});

import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { fileKeychain, type Sealer, unsealed } from '../../../electron/core/platform/fileKeychain';
import { tempDir } from '../store/fixtures';

let tmp: ReturnType<typeof tempDir>;
let file: string;

beforeEach(() => {
  tmp = tempDir('keychain');
  file = path.join(tmp.dir, 'keychain.json');
});
afterEach(() => tmp.remove());

it('keeps, reads back and forgets secrets in a file only the user can read', async () => {
  const keychain = fileKeychain(file, unsealed);
  expect(await keychain.get('token')).toBeNull();
  await keychain.set('token', 'abc');
  await keychain.set('other', 'def');
  expect(await fileKeychain(file, unsealed).get('token')).toBe('abc');
  expect(statSync(file).mode & 0o777).toBe(0o600);
  await keychain.delete('token');
  expect(await keychain.get('token')).toBeNull();
  expect(await keychain.get('other')).toBe('def');
});

it('stores what the sealer makes of a secret, never the secret itself', async () => {
  const reversing: Sealer = { seal: (v) => [...v].reverse().join(''), unseal: (s) => [...s].reverse().join('') };
  await fileKeychain(file, reversing).set('token', 'secret-token');
  expect(readFileSync(file, 'utf8')).not.toContain('secret-token');
  expect(await fileKeychain(file, reversing).get('token')).toBe('secret-token');
});

it('says which file is broken instead of starting with an empty keychain', async () => {
  writeFileSync(file, '{ not json');
  await expect(fileKeychain(file, unsealed).get('token')).rejects.toThrow(`The keychain file ${file} is unreadable`);
});

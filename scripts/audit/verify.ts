/**
 * `npm run audit:verify -- <data dir>`: checks a workstation's decision hash chain, opening its
 * database read-only, and reports the first broken link. Exit code 0 when intact, 1 on a break,
 * 2 when the folder holds no workstation database.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { verifyWorkstationFile } from '../../electron/core/audit';
import { fileKeychain, unsealed } from '../../electron/core/platform/fileKeychain';
import { STORE_ROOT_KEY } from '../../electron/core/vault';

const target = process.argv[2];
if (!target) {
  console.error('usage: npm run audit:verify -- <workstation data folder, or its workstation.db>');
  process.exit(2);
}
const file = existsSync(target) && statSync(target).isDirectory() ? path.join(target, 'workstation.db') : target;
if (!existsSync(file)) {
  console.error(`There is no workstation database at ${file}.`);
  process.exit(2);
}
// The database is encrypted; browser mode keeps its key in the data folder's keychain file.
const keychainFile = path.join(path.dirname(file), 'keychain.json');
const rootKey = existsSync(keychainFile) ? await fileKeychain(keychainFile, unsealed).get(STORE_ROOT_KEY) : null;
if (!rootKey) {
  console.error(
    existsSync(path.join(path.dirname(file), 'keychain.sealed.json'))
      ? `${file} belongs to the desktop app, whose key the OS keychain seals through Electron; verify the chain from the app (Audit, Chain).`
      : `There is no key for ${file} beside it (keychain.json), so it cannot be read.`,
  );
  process.exit(2);
}
const report = verifyWorkstationFile(file, rootKey);
if (report.ok) {
  console.log(`Chain intact: ${report.checked} decision records${report.head ? `, head seq ${report.head.seq} ${report.head.hash}` : ''}.`);
} else {
  const b = report.firstBreak!;
  console.log(`Chain BROKEN at record ${b.recordId || '(missing)'}, position ${b.position} (${b.problem}) after ${report.checked} intact records.`);
  console.log(`  expected: ${b.expected}`);
  console.log(`  found:    ${b.found}`);
  process.exitCode = 1;
}

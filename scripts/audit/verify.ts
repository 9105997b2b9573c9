/**
 * `npm run audit:verify -- <data dir>`: checks a workstation's decision hash chain, opening its
 * database read-only, and reports the first broken link. Exit code 0 when intact, 1 on a break,
 * 2 when the folder holds no workstation database.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { verifyWorkstationFile } from '../../electron/core/audit';

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
const report = verifyWorkstationFile(file);
if (report.ok) {
  console.log(`Chain intact: ${report.checked} decision records${report.head ? `, head seq ${report.head.seq} ${report.head.hash}` : ''}.`);
} else {
  const b = report.firstBreak!;
  console.log(`Chain BROKEN at record ${b.recordId || '(missing)'}, position ${b.position} (${b.problem}) after ${report.checked} intact records.`);
  console.log(`  expected: ${b.expected}`);
  console.log(`  found:    ${b.found}`);
  process.exitCode = 1;
}

/** `npm run demo:pdq`: recomputes upstream/demo/pdq.json with the workstation's PDQ. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { computeDemoPdq, DEMO_PDQ_FILE } from './pdq';

const hashes = await computeDemoPdq();
await writeFile(DEMO_PDQ_FILE, `${JSON.stringify(hashes, null, 2)}\n`);
console.log(`wrote ${path.relative(process.cwd(), DEMO_PDQ_FILE)}: hashBankPattern ${hashes.hashBankPattern}`);

/**
 * `npm run audit:verify-bundle -- <bundle folder>`: checks a signed audit bundle: the Ed25519
 * signature of manifest.json under public-key.pem, then each listed file's SHA-256. Exit code 0
 * when it verifies, 1 otherwise (README: audit bundles has the same check with openssl).
 */
import { verifyBundle } from '../../electron/core/audit';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: npm run audit:verify-bundle -- <bundle folder>');
  process.exit(2);
}
const { ok, problems } = verifyBundle(dir);
if (ok) console.log(`Bundle verified: the signature matches manifest.json and every listed file matches its SHA-256.`);
else {
  console.log('Bundle NOT verified:');
  for (const p of problems) console.log(`  ${p}`);
  process.exitCode = 1;
}

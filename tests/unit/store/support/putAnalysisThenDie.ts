/** Stores one analysis result, then is killed with SIGKILL before anything else can run: nothing closes the database. */
import { openStore } from '../../../../electron/core/store';

const [file, rootKey, sha256] = process.argv.slice(2) as [string, string, string];
const store = openStore(file, { rootKey });
store.putAnalysisResult({
  sha256,
  pipelineVersion: 3,
  status: 'analysed',
  result: { sha256, marker: 'kept' },
  analysedAt: '2025-03-01T12:00:00.000Z',
});
process.kill(process.pid, 'SIGKILL');

import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The file name the bundler gives worker.ts when it is built as its own entry next to the main bundle. */
export const BUNDLED_WORKER_FILE = 'analysis-worker.js';

export interface WorkerEntry {
  filename: string;
  execArgv: string[];
}

/**
 * Where the worker's code is. Run from source (tsx, vitest) it is worker.ts beside this file and
 * the thread needs tsx's loader; in a bundle this file is inlined into the main bundle and the
 * worker is a built .js beside it. Both are looked up relative to this module's own URL.
 */
export function resolveWorkerEntry(moduleUrl: string = import.meta.url): WorkerEntry {
  const here = path.dirname(fileURLToPath(moduleUrl));
  const source = path.join(here, 'worker.ts');
  if (existsSync(source)) return { filename: source, execArgv: ['--import', 'tsx'] };
  const bundled = path.join(here, BUNDLED_WORKER_FILE);
  if (existsSync(bundled)) return { filename: bundled, execArgv: [] };
  throw new AnalysisWorkerMissingError(source, bundled);
}

export class AnalysisWorkerMissingError extends Error {
  override readonly name = 'AnalysisWorkerMissingError';
  constructor(source: string, bundled: string) {
    super(
      `The analysis worker was not found at ${source} (running from source) nor at ${bundled} (bundled); ` +
        `build electron/core/signals/pipeline/worker.ts as the '${BUNDLED_WORKER_FILE.replace(/\.js$/, '')}' entry of the main bundle.`,
    );
  }
}

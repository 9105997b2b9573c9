import { cpSync } from 'node:fs';
import path from 'node:path';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { rendererConfig } from './vite.renderer.config';

/**
 * The embedded upstream reads its SQL migrations from a folder beside its module; in the bundle
 * that module lives in out/main, so the folder is copied there.
 */
function copyUpstreamMigrations(): Plugin {
  return {
    name: 'copy-upstream-migrations',
    writeBundle(options) {
      cpSync(path.resolve('upstream/db/migrations'), path.join(options.dir ?? 'out/main', 'migrations'), { recursive: true });
    },
  };
}

// Main and preload are bundled for Electron; native modules (better-sqlite3, sharp, onnxruntime)
// stay external and are rebuilt for Electron's ABI by `npm run electron:rebuild`.
export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          index: 'electron/main/index.ts',
          // The analysis worker pool loads this file beside the main bundle (see pipeline/worker-entry.ts).
          'analysis-worker': 'electron/core/signals/pipeline/worker.ts',
        },
      },
    },
    plugins: [copyUpstreamMigrations()],
  },
  preload: {
    build: {
      rollupOptions: {
        input: { index: 'electron/preload/index.ts' },
        // A sandboxed preload must be CommonJS.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: rendererConfig,
});

import { defineConfig } from 'electron-vite';
import { rendererConfig } from './vite.renderer.config';

// Main and preload are bundled for Electron; native modules (better-sqlite3-multiple-ciphers, sharp, onnxruntime)
// stay external and are rebuilt for Electron's ABI by `npm run electron:rebuild`. The protocol is a
// workspace package of TypeScript sources, which nothing can load at run time, so it is bundled in.
export default defineConfig({
  main: {
    build: {
      externalizeDeps: { exclude: ['@workstation/protocol'] },
      rollupOptions: {
        input: {
          index: 'electron/main/index.ts',
          // The analysis worker pool loads this file beside the main bundle (see pipeline/workerEntry.ts).
          'analysis-worker': 'electron/core/signals/pipeline/worker.ts',
        },
      },
    },
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

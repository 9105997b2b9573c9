import { defineConfig } from 'electron-vite';
import { rendererConfig } from './vite.renderer.config';

// Main and preload are bundled for Electron; native modules (better-sqlite3, sharp, onnxruntime)
// stay external and are rebuilt for Electron's ABI by `npm run electron:rebuild`.
export default defineConfig({
  main: {
    build: {
      rollupOptions: { input: { index: 'electron/main/index.ts' } },
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

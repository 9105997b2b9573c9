import react from '@vitejs/plugin-react';
import path from 'node:path';
import { defineConfig, type UserConfig } from 'vite';

/** The renderer's build, shared by browser mode (this file) and electron-vite's renderer section. */
export const rendererConfig: UserConfig = {
  root: path.resolve(import.meta.dirname, 'renderer'),
  base: './',
  plugins: [react()],
  build: {
    outDir: path.resolve(import.meta.dirname, 'out/renderer'),
    emptyOutDir: true,
    rollupOptions: { input: path.resolve(import.meta.dirname, 'renderer/index.html') },
  },
};

export default defineConfig(rendererConfig);

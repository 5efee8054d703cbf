import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

export default defineConfig({
  main: {
    define: { __APP_VERSION__: JSON.stringify(version) },
    build: {
      outDir: 'out/main',
      // zod is bundled: as a package it is dozens of ES modules that Node resolves and loads one by
      // one (importing it took 60-100 ms here, bundled 30 ms), paid on every CLI start before a
      // scan can connect (its first connection went from 174 to 136 ms after start).
      externalizeDeps: { exclude: ['zod'] },
      rolldownOptions: {
        // The Electron shell and the CLI share one build; the CLI never loads `electron`.
        input: { index: resolve('src/main/electron/main.ts'), cli: resolve('src/main/cli/main.ts') },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // Sandboxed preloads must be one CommonJS file that requires nothing but `electron`.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src/renderer',
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      minify: true,
      rolldownOptions: { input: { index: resolve('src/renderer/index.html') } },
    },
  },
});

// The dashboard's build: Preact through Vite's own JSX transform (oxc), no plugin needed.
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // One chunk for the shell; the terminal (xterm.js) and YAML editor load when first opened.
    chunkSizeWarningLimit: 600,
  },
  server: { port: 5173 },
});

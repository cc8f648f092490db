import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// No @vitejs/plugin-react: esbuild's automatic JSX runtime is all this console needs (no fast refresh).
const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  base: '/',
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: fileURLToPath(new URL('../../dist/console', import.meta.url)),
    emptyOutDir: true,
    // The console's CSP allows scripts only from its own files: no inline polyfill.
    modulePreload: { polyfill: false },
    sourcemap: false,
  },
  server: {
    // `npx vite --config apps/console/vite.config.mts` during development: the API comes from a running platform.
    proxy: { '/api': 'http://127.0.0.1:8081' },
  },
});

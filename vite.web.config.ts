import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The web app's sources live in src/web/app; `tsc` compiles the server into dist/web/server,
// so the bundle goes beside it into dist/web/app, which Vite may empty on each build.
export default defineConfig({
  root: 'src/web/app',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../../../dist/web/app',
    emptyOutDir: true,
    // No source maps in the shipped package; a modern target keeps the bundle small.
    sourcemap: false,
    target: 'es2022',
    chunkSizeWarningLimit: 1000,
  },
});

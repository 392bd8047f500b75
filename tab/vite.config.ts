// Builds the Teams tab (React, Fluent UI v9) into tab/dist, which the app server serves at `/`.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const tabDir = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig(({ mode }) => ({
  root: tabDir,
  // React's production build whatever NODE_ENV the caller has (a build from inside Vitest runs with NODE_ENV=test).
  define: { 'process.env.NODE_ENV': JSON.stringify(mode === 'production' ? 'production' : 'development') },
  base: '/',
  plugins: [react()],
  // The API is the app server's; `npm run dev:tab` proxies it (PORT, default 3978).
  server: { proxy: { '/api': `http://127.0.0.1:${process.env.PORT ?? 3978}` } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Charts are a lazy chunk of their own; everything else is the initial bundle (budget: tests/tab/tab-size.test.ts).
    chunkSizeWarningLimit: 1200,
    sourcemap: false,
  },
}));

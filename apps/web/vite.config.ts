import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The API in development: `npm start` (or `npm run dev -w @bagui/api`) listens on 8080. */
const API = process.env.BAGUI_API ?? 'http://localhost:8080';

export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    // scripts/bundle-budget.mjs reads it to sum the first screen's chunks.
    manifest: true,
    // Budgets are checked by scripts/bundle-budget.mjs on the gzipped sizes, not here.
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: { '/v1': API, '/health': API, '/openapi.json': API, '/docs': API },
  },
});

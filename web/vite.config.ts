import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';

// The C++ server serves web/dist under a strict Content-Security-Policy
// (default-src 'self'; frame-ancestors 'none'), so the build must not emit
// inline scripts, inline styles or data: URLs.
export default defineConfig({
  plugins: [preact()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The polyfill would be injected as an inline <script>, which the CSP blocks.
    modulePreload: { polyfill: false },
    // Never turn small assets into data: URLs (blocked by default-src 'self').
    assetsInlineLimit: 0,
    sourcemap: false,
  },
  server: {
    // `npm run dev` talks to a running `conduct` server for /api.
    proxy: {
      '/api': process.env.CONDUCT_API_URL ?? 'http://127.0.0.1:8080',
    },
  },
});

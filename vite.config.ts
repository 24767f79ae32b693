import { defineConfig } from 'vite';

// The client lives in web/; the API server (server/) serves the built files from dist/web.
export default defineConfig({
  root: 'web',
  publicDir: false,
  build: {
    outDir: process.env.ATLAS_WEB_OUT ?? '../dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 3000,
  },
  server: {
    proxy: { '/api': `http://127.0.0.1:${process.env.PORT ?? 8787}` },
  },
});

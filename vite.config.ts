import { defineConfig } from 'vite';

// The client lives in web/; the API server (server/) serves the built files from dist/web.
export default defineConfig({
  root: 'web',
  publicDir: false,
  build: {
    outDir: process.env.ATLAS_WEB_OUT ?? '../dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 3000,
    rolldownOptions: {
      // MapLibre in a chunk of its own: it changes less often than the atlas, and the bench weighs it apart.
      output: { codeSplitting: { groups: [{ name: 'maplibre-gl', test: /node_modules[\\/]maplibre-gl[\\/]/ }] } },
    },
  },
  server: {
    proxy: { '/api': `http://127.0.0.1:${process.env.PORT ?? 8787}` },
  },
});

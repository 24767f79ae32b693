import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { type Plugin, defineConfig } from 'vite';

/** Files the server sends compressed; smaller ones gain less than the compression costs. */
const compressible = /\.(js|mjs|css|html|json|svg|map|txt)$/;
const compressFrom = 1024;

/**
 * Writes `.gz` (level 9) and `.br` (quality 11) beside each built file worth it, once at build time, so the
 * server sends the smallest form a browser accepts without compressing anything per request.
 */
function precompress(): Plugin {
  return {
    name: 'atlas-precompress',
    apply: 'build',
    writeBundle(options, bundle) {
      for (const name of Object.keys(bundle)) {
        if (!compressible.test(name)) continue;
        const path = join(options.dir!, name);
        const raw = readFileSync(path);
        if (raw.length < compressFrom) continue;
        writeFileSync(`${path}.gz`, gzipSync(raw, { level: 9 }));
        writeFileSync(`${path}.br`, brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } }));
      }
    },
  };
}

/**
 * Asks for MapLibre's worker in the page head, beside MapLibre itself: MapLibre would only start the worker after
 * its own 1 MB module has run, and every tile waits for that worker. The worker's fetch then finds it in the
 * HTTP cache (hashed name, immutable).
 */
function preloadWorker(): Plugin {
  return {
    name: 'atlas-preload-worker',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const worker = Object.keys(ctx.bundle ?? {}).find((name) => /maplibre-gl-worker-[\w-]+\.mjs$/.test(name));
        return worker ? [{ tag: 'link', attrs: { rel: 'preload', as: 'script', crossorigin: '', href: `/${worker}` }, injectTo: 'head' }] : [];
      },
    },
  };
}

// The client lives in web/; the API server (server/) serves the built files from dist/web.
export default defineConfig({
  root: 'web',
  publicDir: false,
  plugins: [precompress(), preloadWorker()],
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

import { createHash } from 'node:crypto';
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
 * Starts MapLibre's worker from the page head, while MapLibre's own 1 MB module downloads and runs: MapLibre would
 * start it only once it has run, and every tile waits for the worker to compile and start (a quarter of a second
 * without a GPU, measured). A classic script of our own (the content security policy refuses inline scripts),
 * parser-blocking so it runs before the page's modules; web/map/atlas-map.ts hands the worker to MapLibre.
 */
const startWorkerSource = `// MapLibre's worker, started early (vite.config.ts startWorker; adopted in web/map/atlas-map.ts).
(function () {
  var url = new URL(document.currentScript.dataset.worker, location.href).href;
  window.atlasWorker = { url: url, worker: new Worker(url, { type: 'module' }) };
})();
`;
const startWorkerFile = `assets/start-worker-${createHash('sha256').update(startWorkerSource).digest('hex').slice(0, 8)}.js`;

function startWorker(): Plugin {
  return {
    name: 'atlas-start-worker',
    apply: 'build',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: startWorkerFile, source: startWorkerSource });
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const worker = Object.keys(ctx.bundle ?? {}).find((name) => /maplibre-gl-worker-[\w-]+\.mjs$/.test(name));
        return worker ? [{ tag: 'script', attrs: { src: `/${startWorkerFile}`, 'data-worker': `/${worker}` }, injectTo: 'head' }] : [];
      },
    },
  };
}

// The client lives in web/; the API server (server/) serves the built files from dist/web.
export default defineConfig({
  root: 'web',
  publicDir: false,
  plugins: [precompress(), startWorker()],
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

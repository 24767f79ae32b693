/**
 * Benchmark: what one read costs, route by route, against the cheapest thing the server does (a 1 KiB static
 * file): p50 and p90 of sequential requests on one kept-alive connection, gzip accepted as a browser does,
 * measured interleaved (a few requests of each route in turn, round after round) so that a busy machine
 * weighs on every route alike. Run against a server without its answer cache (every GET computed anew:
 * "uncached") and against one with it ("cached", after a first request), in the same run.
 */
import { Agent, request } from 'node:http';

export interface RouteTiming {
  path: string;
  p50Ms: number;
  p90Ms: number;
  /** Bytes on the wire (gzip where the server compressed). */
  bytes: number;
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

/** One GET on the kept-alive agent; resolves with the milliseconds to the last byte and the byte count. */
function timeOne(agent: Agent, base: URL, path: string): Promise<{ ms: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = request({ agent, host: base.hostname, port: base.port, path, headers: { 'accept-encoding': 'gzip' } }, (res) => {
      let bytes = 0;
      res.on('data', (d: Buffer) => (bytes += d.length));
      res.on('end', () => (res.statusCode === 200 ? resolve({ ms: performance.now() - t0, bytes }) : reject(new Error(`${path}: HTTP ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * Times every path in `rounds` rounds of `perRound` requests each, after one warm-up request per path.
 * @example const t = await timeRoutes('http://127.0.0.1:8787', ['/bench-1k.txt', '/api/health'], 10, 20)
 */
export async function timeRoutes(base: string, paths: string[], rounds: number, perRound: number): Promise<RouteTiming[]> {
  const url = new URL(base);
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const samples = new Map(paths.map((p) => [p, { ms: [] as number[], bytes: 0 }]));
  try {
    for (const p of paths) samples.get(p)!.bytes = (await timeOne(agent, url, p)).bytes;
    for (let r = 0; r < rounds; r++) {
      for (const p of paths) for (let i = 0; i < perRound; i++) samples.get(p)!.ms.push((await timeOne(agent, url, p)).ms);
    }
  } finally {
    agent.destroy();
  }
  return paths.map((path) => {
    const s = samples.get(path)!;
    return { path, p50Ms: quantile(s.ms, 0.5), p90Ms: quantile(s.ms, 0.9), bytes: s.bytes };
  });
}

import { request } from 'node:http';

/** A request with a body that can be sent in parts, for holding a request in flight on purpose. */
export function openUpload(
  url: string,
  headers: Record<string, string>,
  length: number,
): { write: (chunk: string) => void; end: () => void; answer: Promise<{ status: number; body: string }> } {
  const req = request(url, { method: 'POST', headers: { ...headers, 'content-length': String(length) } });
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
  });
  return { write: (chunk) => req.write(chunk), end: () => req.end(), answer };
}

/**
 * A CSV of `n` agreement rows of kind "other" between real municipalities, distinct for each `salt`,
 * never pairing a place with itself.
 * @example agreementsCsv(codes, 100, 1).split('\n')[0] // 'a_code,b_code,kind,year,note'
 */
export function agreementsCsv(codes: string[], n: number, salt: number): string {
  const rows = ['a_code,b_code,kind,year,note'];
  for (let i = 0; i < n; i++) {
    const a = codes[i % codes.length];
    let b = codes[(i * 7 + 13 * salt + 101 * Math.floor(i / codes.length)) % codes.length];
    if (b === a) b = codes[(codes.indexOf(a) + 1) % codes.length];
    rows.push(`${a},${b},other,${1900 + ((i + salt) % 120)},fault test ${salt}`);
  }
  return rows.join('\n');
}

/** Number of user-imported agreements the server reports. */
export async function userAgreements(base: string): Promise<number> {
  const res = await fetch(`${base}/api/exchanges?origin=user`);
  if (!res.ok) throw new Error(`GET /api/exchanges answered ${res.status}`);
  return ((await res.json()) as { items: unknown[] }).items.length;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

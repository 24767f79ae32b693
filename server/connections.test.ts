import { type Server, createServer } from 'node:http';
import { type AddressInfo, type Socket, connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { limitConnections } from './connections.ts';

// Large enough that the kernel's socket buffers (a few MiB on loopback) fill after a few answers.
const answerBytes = 1024 * 1024;
let server: Server | undefined;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
  server = undefined;
});

/** A server whose handler answers `answerBytes` of its request number, behind `limitConnections`; counts requests parsed and handlers run. */
async function start() {
  const counts = { parsed: 0, handled: 0 };
  const limited = limitConnections(
    (req, res) => {
      counts.handled++;
      res.end(Buffer.alloc(answerBytes, req.url!.slice(1)));
    },
    { concurrent: 1, queued: 4, bufferedBytes: 64 * 1024 },
  );
  server = createServer((req, res) => {
    counts.parsed++;
    limited(req, res);
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  const socket = connect((server.address() as AddressInfo).port, '127.0.0.1');
  socket.on('error', () => undefined);
  sockets.push(socket);
  return { counts, socket };
}

const requests = (from: number, n: number) => Array.from({ length: n }, (_, i) => `GET /${(from + i) % 10} HTTP/1.1\r\nHost: x\r\n\r\n`).join('');
const until = async (ok: () => boolean) => {
  while (!ok()) await new Promise((r) => setTimeout(r, 10));
};
const settle = () => new Promise((r) => setTimeout(r, 300));

describe('limitConnections', () => {
  it('runs no further handler while a connection does not read its answers, then answers every request in order', async () => {
    const { counts, socket } = await start();
    socket.write(requests(0, 50));
    await until(() => counts.parsed === 50);
    await settle();
    // The kernel's buffers hold a few answers; the other requests wait unhandled.
    expect(counts.handled).toBeLessThan(25);

    const chunks: Buffer[] = [];
    let length = 0;
    socket.on('data', (d: Buffer) => {
      chunks.push(d);
      length += d.length;
    });
    await until(() => counts.handled === 50 && length >= 50 * answerBytes);
    const heads = Buffer.concat(chunks)
      .toString('latin1')
      .match(/HTTP\/1\.1 200 OK[\s\S]*?\r\n\r\n(.)/g)!;
    expect(heads).toHaveLength(50);
    expect(heads.map((h) => h.at(-1)).join('')).toBe('0123456789'.repeat(5));
  });

  it('stops reading from a connection whose answers are not read, and reads again once they are', async () => {
    const { counts, socket } = await start();
    socket.write(requests(0, 30));
    await until(() => counts.parsed === 30);
    await settle();
    socket.write(requests(30, 10));
    await settle();
    expect(counts.parsed, 'requests parsed from a paused connection').toBe(30);
    socket.resume();
    await until(() => counts.parsed === 40 && counts.handled === 40);
  });

  it('drops the waiting requests of a closed connection without running them', async () => {
    const { counts, socket } = await start();
    socket.write(requests(0, 20));
    await until(() => counts.parsed === 20);
    socket.destroy();
    await settle();
    const handled = counts.handled;
    expect(handled).toBeLessThan(20);
    await settle();
    expect(counts.handled).toBe(handled);
  });
});

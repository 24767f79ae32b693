import { type IncomingMessage, type RequestListener, type Server, type ServerResponse, createServer } from 'node:http';
import type { Socket } from 'node:net';

/** How much one HTTP/1.1 connection may hold of the server's memory and time. */
export interface ConnectionLimits {
  /** Requests of one connection whose handlers run at once (pipelined answers leave in order anyway). */
  concurrent: number;
  /** Requests received and not yet answered on one connection before the server stops reading from it. */
  queued: number;
  /** Answer bytes waiting to leave on one connection before the server starts no further answer on it. */
  bufferedBytes: number;
}

/** Defaults: a browser pipelines nothing and opens six connections, so these bind only abusive clients. */
export const connectionLimits: ConnectionLimits = { concurrent: 2, queued: 32, bufferedBytes: 4 * 1024 * 1024 };

/**
 * Node's HTTP server keeps its own "stop reading" state on each socket: `_paused`, with the request parser
 * paused alongside (its guard against floods of pipelined requests). A pause of ours must use the same flag,
 * or Node's asynchronous resume handler restarts reading behind our back.
 */
type HttpSocket = Socket & { _paused?: boolean; parser?: { resume(): void } | null };

/** Stops reading requests from the socket (the kernel's buffers then fill and the client's writes block). */
function stopReading(socket: HttpSocket): void {
  socket._paused = true;
  // resume() then pause() makes sure 'pause' is emitted, on which Node stops the socket's reads.
  socket.resume();
  socket.pause();
}

/** Reads requests again, as Node does when a paused socket drains. */
function startReading(socket: HttpSocket): void {
  if (!socket._paused) return;
  socket._paused = false;
  socket.parser?.resume();
  socket.resume();
}

interface Lane {
  running: number;
  waiting: [IncomingMessage, ServerResponse][];
  pausedByUs: boolean;
}

/**
 * Wraps a request listener so that one connection cannot fill the server's memory: at most
 * `concurrent` handlers run per connection, a new one starts only while the answers already sent are
 * leaving (the socket's send buffer holds under `bufferedBytes`), and once `queued` requests wait the
 * server stops reading from that socket, so a client that pipelines without reading stalls itself and
 * nobody else. A closed socket drops its waiting requests without running them.
 * @example createServer(limitConnections(getRequestListener(app.fetch)))
 */
export function limitConnections(listener: RequestListener, limits: ConnectionLimits = connectionLimits): RequestListener {
  const lanes = new WeakMap<Socket, Lane>();

  function pump(socket: Socket, lane: Lane): void {
    while (lane.waiting.length && lane.running < limits.concurrent && socket.writableLength < limits.bufferedBytes && !socket.destroyed) {
      const [req, res] = lane.waiting.shift()!;
      lane.running++;
      let done = false;
      const finished = () => {
        if (done) return;
        done = true;
        lane.running--;
        pump(socket, lane);
      };
      // 'finish' fires once the answer's last byte is handed to the socket; 'close' covers aborted answers.
      res.once('finish', finished);
      res.once('close', finished);
      listener(req, res);
    }
    if (lane.waiting.length + lane.running >= limits.queued) {
      // Checked on every request: Node resumes a socket whose send buffer drained.
      lane.pausedByUs = true;
      stopReading(socket);
    } else if (lane.pausedByUs) {
      lane.pausedByUs = false;
      startReading(socket);
    }
  }

  function laneOf(socket: Socket): Lane {
    let lane = lanes.get(socket);
    if (!lane) {
      const fresh: Lane = { running: 0, waiting: [], pausedByUs: false };
      lanes.set(socket, fresh);
      socket.on('drain', () => pump(socket, fresh));
      socket.once('close', () => {
        fresh.waiting.length = 0;
      });
      lane = fresh;
    }
    return lane;
  }

  return (req, res) => {
    const lane = laneOf(req.socket);
    lane.waiting.push([req, res]);
    pump(req.socket, lane);
  };
}

/** Socket inactivity (nothing read or written) after which the connection is closed, e.g. a client that stopped reading. */
export const idleSocketMs = 120_000;

/**
 * The atlas's HTTP server: Node's server with time limits on slow clients and {@link limitConnections} around `listener`.
 * @example atlasHttpServer(getRequestListener(app.fetch)).listen(8787)
 */
export function atlasHttpServer(listener: RequestListener, limits: ConnectionLimits = connectionLimits): Server {
  const server = createServer({ headersTimeout: 20_000, requestTimeout: 120_000, keepAliveTimeout: 5_000 }, limitConnections(listener, limits));
  server.setTimeout(idleSocketMs);
  return server;
}

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Server as NetServer, type Socket } from 'node:net';

export interface HttpTimeouts {
  /** A request's headers must have come within this time (slow-loris clients are cut). */
  headersTimeoutMs: number;
  /** The whole request, body included, within this time (an upload too). */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this time. */
  keepAliveTimeoutMs: number;
}

/**
 * How long a keep-alive connection idle when the drain begins may still bring a request. A client
 * that got its last answer a moment ago may have sent the next request already, unread by us yet;
 * closing the connection at once would reset that request (Node's server.close() does, through
 * closeIdleConnections()). Within the grace such a request is answered, with `Connection: close`.
 */
export const IDLE_GRACE_MS = 1_000;

export interface HttpServer {
  server: Server;
  /**
   * Stops accepting connections; every answer from now on says `Connection: close`, so a busy
   * connection closes after its response, and a connection idle for IDLE_GRACE_MS is closed.
   * Resolves when the last connection has closed, or after `drainMs`, when those still open are cut.
   */
  drain(drainMs: number): Promise<void>;
}

interface ConnectionState {
  /** Its requests not answered yet. */
  answering: Set<ServerResponse>;
  /** When it opened, or last started or finished a request. */
  since: number;
}

/**
 * Node's HTTP server with deliberate timeouts and a drain for shutdown. Node checks the header and
 * request timeouts only every `connectionsCheckingInterval` (30 s by default), which would let a
 * slow client hold a connection for up to 40 s with a 10 s header timeout: here every second.
 */
export function createHttpServer(handler: (req: IncomingMessage, res: ServerResponse) => void, timeouts: HttpTimeouts): HttpServer {
  let draining = false;
  const connections = new Map<Socket, ConnectionState>();
  const server = createServer(
    {
      headersTimeout: timeouts.headersTimeoutMs,
      requestTimeout: timeouts.requestTimeoutMs,
      keepAliveTimeout: timeouts.keepAliveTimeoutMs,
      connectionsCheckingInterval: Math.min(1_000, timeouts.headersTimeoutMs),
    },
    (req, res) => {
      const state = connections.get(req.socket);
      if (state) {
        state.answering.add(res);
        state.since = Date.now();
        res.once('close', () => {
          state.answering.delete(res);
          state.since = Date.now();
        });
      }
      if (draining) res.setHeader('connection', 'close');
      handler(req, res);
    },
  );
  server.on('connection', (socket: Socket) => {
    connections.set(socket, { answering: new Set(), since: Date.now() });
    socket.once('close', () => connections.delete(socket));
  });

  return {
    server,
    drain(drainMs) {
      draining = true;
      for (const { answering } of connections.values()) {
        for (const res of answering) if (!res.headersSent) res.setHeader('connection', 'close');
      }
      // The listener alone (http.Server#close() would also close idle connections at once), after
      // this turn's I/O: connections the kernel has already accepted are taken, not reset.
      const closed = new Promise<void>((resolve) => setImmediate(() => NetServer.prototype.close.call(server, () => resolve())));
      // Idle connections are looked at after the I/O phase, when a request that has arrived on one
      // has been read and made it busy: a timer alone may run while such bytes wait unread.
      const closeIdle = setInterval(
        () =>
          setImmediate(() => {
            const now = Date.now();
            for (const [socket, state] of connections) {
              if (state.answering.size === 0 && now - state.since >= IDLE_GRACE_MS) socket.destroy();
            }
          }),
        50,
      );
      let deadline: NodeJS.Timeout | undefined;
      const cut = new Promise<void>((resolve) => {
        deadline = setTimeout(() => {
          for (const socket of connections.keys()) socket.destroy();
          resolve();
        }, drainMs);
      });
      return Promise.race([closed, cut]).finally(() => {
        clearInterval(closeIdle);
        clearTimeout(deadline);
      });
    },
  };
}

// A tiny static file server for end-to-end tests that need to control the
// server: stop it to go truly offline, swap files to simulate a new
// deployment, serve the app under a sub-path, or put a sync server under the app's own origin.
import { readFileSync } from 'node:fs';
import { cp, mkdtemp } from 'node:fs/promises';
import { createServer, type ClientRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sirv from 'sirv';
import { forward } from '../../../scripts/proxy.mjs';

/** The builds `npm run build:e2e` makes to deploy: at a site's root, and under a sub-path. */
export const DEPLOYED_BUILDS = [
  { name: 'at the root', dir: 'dist', base: '/' },
  { name: 'under the sub-path /tend/', dir: 'dist-tend', base: '/tend/' },
] as const;

export interface StaticServer {
  /** Where the app lives, e.g. http://localhost:PORT/tend/ (always ends with "/"). */
  url: string;
  /** e.g. http://localhost:PORT */
  origin: string;
  /** Every path requested (with query string), in order. */
  requests: string[];
  /** Stops listening and destroys open (keep-alive) connections. */
  close(): Promise<void>;
}

function normalizeBase(base = '/'): string {
  let b = base.trim();
  if (!b.startsWith('/')) b = `/${b}`;
  if (!b.endsWith('/')) b = `${b}/`;
  return b;
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      const address = server.address();
      if (address === null || typeof address === 'string') {
        reject(new Error(`Unexpected server address: ${String(address)}`));
      } else {
        resolve(address.port);
      }
    });
  });
}

/**
 * Serves `dir` (read from disk on every request, so files can be swapped while
 * it runs) with an SPA fallback to index.html and no HTTP caching. With
 * `base: '/tend/'` the files are served under /tend/ and everything else is 404.
 *
 * Listens on the loopback interfaces (127.0.0.1 and, when available, ::1) so
 * that http://localhost works whichever address "localhost" resolves to.
 * localhost is a secure context, so service workers work.
 */
export interface StaticOptions {
  base?: string;
  /** Sends the headers of the build's `_headers` file, as Netlify or Cloudflare Pages would. */
  hostHeaders?: boolean;
  /**
   * Forwards every request under a path prefix to another server, the prefix removed, as a host's
   * reverse proxy would: `{ '/couchdb/': 'http://127.0.0.1:5984' }` makes `/couchdb/_session`
   * reach `http://127.0.0.1:5984/_session`. The app then reaches that server on its own origin.
   */
  proxy?: Record<string, string>;
}

export async function serveStatic(dir: string, options: StaticOptions = {}): Promise<StaticServer> {
  const base = normalizeBase(options.base);
  const requests: string[] = [];
  const proxies = Object.entries(options.proxy ?? {}).map(([prefix, target]) => ({ prefix: normalizeBase(prefix), target: new URL(target) }));
  const forwarded = new Set<ClientRequest>();
  const files = sirv(dir, { single: true, dev: true, etag: false });
  // As a static host that reads the build's `_headers` file (Netlify, Cloudflare Pages) would.
  const hostHeaders = options.hostHeaders ? readHostHeaders(join(dir, '_headers')) : [];

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const url = req.url ?? '/';
    requests.push(url);
    const queryAt = url.search(/[?#]/);
    const pathname = queryAt === -1 ? url : url.slice(0, queryAt);

    const proxied = proxies.find(({ prefix }) => pathname.startsWith(prefix));
    if (proxied) {
      forward(req, res, proxied.target, url.slice(proxied.prefix.length - 1), forwarded);
      return;
    }
    if (base !== '/' && pathname === base.slice(0, -1)) {
      res.writeHead(302, { Location: base + url.slice(pathname.length), 'Cache-Control': 'no-store' });
      res.end();
      return;
    }
    if (!pathname.startsWith(base)) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end('Not found');
      return;
    }
    req.url = url.slice(base.length - 1); // keep the leading "/"
    for (const [name, value] of hostHeaders) res.setHeader(name, value);
    files(req, res, () => {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end('Not found');
    });
  };

  const sockets = new Set<Socket>();
  const track = (server: Server): Server => {
    server.on('connection', (socket: Socket) => {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
    });
    return server;
  };

  const servers: Server[] = [];
  const v4 = track(createServer(handle));
  const port = await listen(v4, '127.0.0.1', 0);
  servers.push(v4);
  // Browsers may try ::1 first for "localhost"; answer there too when possible.
  const v6 = track(createServer(handle));
  try {
    await listen(v6, '::1', port);
    servers.push(v6);
  } catch {
    // No IPv6 loopback (or the port is taken there): 127.0.0.1 alone will do.
  }

  const origin = `http://localhost:${port}`;
  let closing: Promise<void> | undefined;

  return {
    url: origin + base,
    origin,
    requests,
    close() {
      closing ??= (async () => {
        const closed = servers.map(
          (server) => new Promise<void>((resolve) => server.close(() => resolve())),
        );
        for (const server of servers) server.closeAllConnections();
        for (const outgoing of forwarded) outgoing.destroy();
        forwarded.clear();
        for (const socket of sockets) socket.destroy();
        sockets.clear();
        await Promise.all(closed);
      })();
      return closing;
    },
  };
}

/** Recursively copies `src` into `dest` (created if needed; existing files overwritten). */
export async function copyDir(src: string, dest: string): Promise<void> {
  await cp(src, dest, { recursive: true, force: true });
}

/** Creates and returns a new empty directory under the OS temp dir. */
export async function tempDir(prefix = 'tend-e2e-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/** The `Name: value` lines of a `_headers` file (Tend's has one block, for every path). */
function readHostHeaders(file: string): [string, string][] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => /^\s+\S+:/.test(line))
    .map((line) => {
      const at = line.indexOf(':');
      return [line.slice(0, at).trim(), line.slice(at + 1).trim()];
    });
}

// Forwarding a request to another server, as a host's reverse proxy does: how a site puts its
// sync server under its own origin (`/couchdb/`). The end-to-end tests' static server
// (tests/e2e/support/server.ts) and the bench's (bench/run.mjs) both use it.
//
// Plain ESM JavaScript with JSDoc types, so Node scripts and Playwright can both import it.

import { request } from 'node:http';

/** Headers that concern one connection only, never passed on by a proxy (RFC 9110, 7.6.1). */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade']);

/**
 * `rawHeaders` ([name, value, name, value…], repeated names such as Set-Cookie kept) without hop-by-hop ones.
 * @param {string[]} rawHeaders
 * @returns {string[]}
 */
function passedOn(rawHeaders) {
  /** @type {string[]} */
  const kept = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = /** @type {string} */ (rawHeaders[i]);
    if (!HOP_BY_HOP.has(name.toLowerCase())) kept.push(name, /** @type {string} */ (rawHeaders[i + 1]));
  }
  return kept;
}

/**
 * Sends `req` on to `target` at `path`: its method, headers (cookies included, Host rewritten)
 * and body, streamed both ways, so a long-polled changes feed answers as soon as the server does.
 * A request the browser gives up on is ended upstream too. Each forwarded request is in
 * `forwarded` until it closes, for a server that stops to end them.
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {URL} target
 * @param {string} path
 * @param {Set<import('node:http').ClientRequest>} forwarded
 */
export function forward(req, res, target, path, forwarded) {
  const headers = passedOn(req.rawHeaders);
  for (let i = 0; i < headers.length; i += 2) if (headers[i]?.toLowerCase() === 'host') headers[i + 1] = target.host;
  const outgoing = request(
    {
      protocol: target.protocol,
      hostname: target.hostname,
      port: target.port,
      method: req.method,
      path: target.pathname.replace(/\/$/, '') + path,
      headers,
      // One connection per request, closed with it: nothing is left open once the server stops.
      agent: false,
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.statusMessage, passedOn(answer.rawHeaders));
      res.flushHeaders();
      answer.pipe(res);
    },
  );
  forwarded.add(outgoing);
  outgoing.once('close', () => forwarded.delete(outgoing));
  outgoing.on('error', (error) => {
    if (res.headersSent) {
      res.destroy(error);
      return;
    }
    res.writeHead(502, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(`The server behind ${req.url ?? ''} did not answer: ${error.message}`);
  });
  res.once('close', () => {
    if (!res.writableFinished) outgoing.destroy();
  });
  req.pipe(outgoing);
}

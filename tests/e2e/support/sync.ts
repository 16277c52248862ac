// A site as a household runs it: Tend's production build with its sync server under the same
// origin, at /couchdb/ (the address the Sync screen suggests), so the Content-Security-Policy's
// connect-src 'self' holds and the session cookie is the site's own.
import { randomBytes } from 'node:crypto';
import { createHousehold, startSyncServer, type Credentials, type Household, type SyncServer } from '../../../scripts/sync-server.mjs';
import { serveStatic, type StaticServer } from './server';

export interface SyncSite {
  /** Where the app lives: http://localhost:PORT/ (its sync server is at `${url}couchdb/`). */
  url: string;
  /** The site itself: its requests, and close() to take it offline. */
  site: StaticServer;
  /** The sync server (scripts/sync-server.mjs); `assertRunning()` says if it died. */
  server: SyncServer;
  /** The household `home` (database `household-home`), whose people are ann and ben. */
  household: Household;
  /** The server admin, to look at the server's database directly. */
  admin: Credentials;
  /** Stops the site and the sync server (by its pid). */
  stop(): Promise<void>;
}

/** A password for one test run. */
const password = () => randomBytes(9).toString('base64url');

/**
 * Starts a sync server with the household `home` and its two people, ann and ben (each with a
 * password of their own, in `household.people`), and serves the build `dir` with `/couchdb/`
 * forwarded to that server.
 */
export async function startSyncSite({ dir = 'dist' }: { dir?: string } = {}): Promise<SyncSite> {
  const server = await startSyncServer();
  try {
    const admin = server.admin;
    const household = await createHousehold(server.url, admin, {
      slug: 'home',
      people: [
        { name: 'ann', password: password() },
        { name: 'ben', password: password() },
      ],
    });
    const site = await serveStatic(dir, { proxy: { '/couchdb/': server.url } });
    return {
      url: site.url,
      site,
      server,
      household,
      admin,
      async stop() {
        try {
          await site.close();
        } finally {
          await server.stop();
        }
      },
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/** One of the household's people by name, with their password for this run. */
export function person(household: Household, name: string): Credentials {
  const found = household.people.find((someone) => someone.name === name);
  if (!found) throw new Error(`The household ${household.slug} has no one called ${name}.`);
  return found;
}

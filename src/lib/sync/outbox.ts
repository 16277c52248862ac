import type { DBCore, DBCoreMutateRequest, DBCoreTable, Middleware } from 'dexie';
import type { TendDB } from '../../db/schema';
import { isSyncedTable, MODEL_FIELDS } from './documents';

// While sync is on, every write to the household's tables also notes the row in the outbox,
// in the same IndexedDB transaction: a change can never be saved without being queued to
// send, whichever screen, import or undo made it, and whichever tab. The layer is only in
// Dexie's stack while sync is on, so it costs nothing otherwise.

const NAME = 'tend-sync-outbox';

/** Transactions that write what came from the server: sending it back would echo it forever. */
const fromServer = new WeakSet<object>();

/** Marks a Dexie transaction (its IndexedDB transaction) as applying the server's changes. */
export function markFromServer(idbtrans: IDBTransaction): void {
  fromServer.add(idbtrans);
}

/**
 * Writes that are not changes to send: what came from the server, and a schema upgrade's
 * rewrite of rows. Each device reads older documents forward by itself (documents.ts), so an
 * upgrade sends nothing: a household's devices never rewrite every row at once.
 */
function sentLater(trans: object): boolean {
  return fromServer.has(trans) || (trans as IDBTransaction).mode === 'versionchange';
}

function recording(down: DBCore): DBCore {
  return {
    ...down,
    transaction(stores, mode, options) {
      // A write to the data tables brings the outbox into its transaction.
      const widened = mode === 'readwrite' && stores.some(isSyncedTable) && !stores.includes('outbox') ? [...stores, 'outbox'] : stores;
      return down.transaction(widened, mode, options);
    },
    table(name) {
      const table = down.table(name);
      if (!isSyncedTable(name)) return table;
      return {
        ...table,
        async mutate(request) {
          const ids = sentLater(request.trans) ? [] : await idsWritten(table, request);
          const result = await table.mutate(request);
          if (ids.length > 0) {
            const stamp = Math.random();
            await down.table('outbox').mutate({ trans: request.trans, type: 'put', values: ids.map((id) => ({ id, table: name, stamp })) });
          }
          return result;
        },
      };
    },
  };
}

/** The ids a write touches; clearing a table reads its keys first. */
async function idsWritten(table: DBCoreTable, request: DBCoreMutateRequest): Promise<string[]> {
  switch (request.type) {
    case 'add':
    case 'put':
      return request.values.map((row: { id: string }) => row.id);
    case 'delete':
      return request.keys as string[];
    case 'deleteRange': {
      const found = await table.query({ trans: request.trans, values: false, query: { index: table.schema.primaryKey, range: request.range } });
      return found.result as string[];
    }
  }
}

// Below every layer of Dexie's own (they start at -1), right above IndexedDB: the transaction
// seen here is the IndexedDB one, and awaiting inside a write loses no Dexie context.
const middleware: Middleware<DBCore> = { stack: 'dbcore', name: NAME, level: -10, create: recording };

/** Puts the outbox layer in the database's stack; it takes effect when the database (re)opens. */
export function installOutbox(db: TendDB): void {
  db.use(middleware);
}

export function removeOutbox(db: TendDB): void {
  db.unuse({ stack: 'dbcore', name: NAME });
}

/** On first connecting, every row already on this device goes to the household. */
export async function queueEverything(db: TendDB) {
  const tables = Object.keys(MODEL_FIELDS).map((table) => db.table(table));
  await db.transaction('rw', [...tables, db.outbox], async () => {
    for (const table of tables) {
      const ids = (await table.toCollection().primaryKeys()) as string[];
      await db.outbox.bulkPut(ids.map((id) => ({ id, table: table.name, stamp: 0 })));
    }
  });
}

import Dexie from 'dexie';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { storedTodo, storedUser } from '../../../src/lib/stored-rows';
import { TITLE_MAX as TODO_TITLE_MAX } from '../../../src/lib/todos/stored';
import { latestVersion, schemaVersions, type SchemaVersion } from '../../../src/db/schema';
import type { RowDoc } from '../../../src/lib/sync/documents';
import { queueEverything } from '../../../src/lib/sync/outbox';
import { basicAuth, type Household, type SyncServer } from '../../../scripts/sync-server.mjs';
import { device, eventually, household, rows, startServer, type Device } from './devices';


let server: SyncServer;
let home: Household;
let running: Device[] = [];
let households = 0;

beforeAll(async () => {
  server = await startServer();
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

afterEach(async () => {
  for (const one of running) await one.stop().catch(() => undefined);
  running = [];
});

async function twoDevices(): Promise<[Device, Device]> {
  households += 1;
  // People's names are unique on a server: each household has its own Ann and Ben.
  const ann = { name: `ann-${households}`, password: 'ann-secret' };
  const ben = { name: `ben-${households}`, password: 'ben-secret' };
  home = await household(server, `home-${households}`, [ann, ben]);
  const a = await device(server.url, home, ann);
  const b = await device(server.url, home, ben);
  running.push(a, b);
  return [a, b];
}

/** How many rows the household's database on the server holds (its design documents left out). */
async function documentCount(of: Household): Promise<number> {
  const headers = { Authorization: basicAuth(server.admin) };
  const all = (await (await fetch(of.url, { headers })).json()) as { doc_count: number };
  const design = (await (await fetch(`${of.url}/_all_docs?startkey="_design/"&endkey="_design0"`, { headers })).json()) as { rows: unknown[] };
  return all.doc_count - design.rows.length;
}

const todo = (title: string) => storedTodo({ title, done: 0, createdAt: 1, updatedAt: 1 });

/** Two devices syncing, and a to-do made on the first that the second already has. */
async function bothHave(row = todo('Buy milk')): Promise<[Device, Device, typeof row]> {
  const [a, b] = await twoDevices();
  await a.start();
  await b.start();
  await a.db.todos.add(row);
  await eventually(async () => expect(await b.db.todos.get(row.id)).toBeDefined());
  return [a, b, row];
}

describe('sync between two devices', { timeout: 30_000 }, () => {
  it('brings a to-do made on one device to the other, then its edit, then its delete', async () => {
    const [a, b] = await twoDevices();
    await a.start();
    await b.start();
    const milk = todo('Buy milk');
    await a.db.todos.add(milk);
    await eventually(async () => expect((await b.db.todos.get(milk.id))?.title).toBe('Buy milk'));
    await b.db.todos.update(milk.id, storedTodo({ ...milk, title: 'Buy oat milk' }));
    await eventually(async () => expect((await a.db.todos.get(milk.id))?.title, JSON.stringify([a.status, b.status])).toBe('Buy oat milk'));
    await a.db.todos.delete(milk.id);
    await eventually(async () => expect(await b.db.todos.get(milk.id)).toBeUndefined());
    expect(await a.db.outbox.count()).toBe(0);
  });

  it('brings back on the other device a row that undo brought back', async () => {
    const [a, b, milk] = await bothHave();
    await a.db.todos.delete(milk.id);
    await eventually(async () => expect(await b.db.todos.get(milk.id)).toBeUndefined());
    // Undo puts the same row back, with its id.
    await a.db.todos.add(milk);
    await eventually(async () => expect(await b.db.todos.get(milk.id)).toEqual(milk));
  });

  it('keeps a user and a to-do linked to them', async () => {
    const [a, b] = await twoDevices();
    await a.start();
    await b.start();
    const user = storedUser({ username: 'Ann', createdAt: 1 });
    const linked = storedTodo({ title: 'Call', done: 0, createdAt: 1, updatedAt: 1, userId: user.id });
    await a.db.transaction('rw', [a.db.users, a.db.todos], async () => {
      await a.db.users.add(user);
      await a.db.todos.add(linked);
    });
    await eventually(async () => expect((await b.db.todos.get(linked.id))?.userId).toBe(user.id));
    expect(await rows(b.db, 'users')).toEqual([user]);
  });

  it('exchanges changes made on both devices while apart, field by field', async () => {
    const [a, b, milk] = await bothHave();
    await eventually(() => expect(a.status.phase).toBe('connected'));
    await a.stop();
    await b.stop();
    await a.db.todos.update(milk.id, storedTodo({ ...milk, title: 'Buy oat milk' }));
    await b.db.todos.update(milk.id, storedTodo({ ...milk, notes: 'Two litres' }));
    await a.start();
    await b.start();
    for (const one of [a, b]) {
      await eventually(async () => expect(await one.db.todos.get(milk.id)).toMatchObject({ title: 'Buy oat milk', notes: 'Two litres' }));
    }
    expect(await a.db.syncNotes.toArray()).toEqual([]);
  });

  it('settles the same field changed on both devices on one value everywhere, and keeps both for a person', async () => {
    const [a, b, milk] = await bothHave();
    await a.stop();
    await b.stop();
    // Each edit also moves the time the to-do was last changed: that is no choice for a person.
    await a.db.todos.update(milk.id, storedTodo({ ...milk, title: 'Buy oat milk', updatedAt: 2 }));
    await b.db.todos.update(milk.id, storedTodo({ ...milk, title: 'Buy soy milk', updatedAt: 3 }));
    await a.start();
    await b.start();
    await eventually(async () => {
      const [onA, onB] = [await a.db.todos.get(milk.id), await b.db.todos.get(milk.id)];
      expect(onA?.title).toBe(onB?.title);
      expect([onA?.updatedAt, onB?.updatedAt]).toEqual([3, 3]);
      const note = await a.db.syncNotes.get(milk.id);
      expect(Object.keys(note?.fields ?? {})).toEqual(['title']);
      expect(note?.fields?.title?.map((v) => v.value).sort()).toEqual(['Buy oat milk', 'Buy soy milk']);
      expect(await b.db.syncNotes.get(milk.id)).toEqual(note);
    });
  });
});

describe('sync when devices disagree', { timeout: 30_000 }, () => {
  async function apart(a: Device, b: Device, onA: () => Promise<unknown>, onB: () => Promise<unknown>) {
    await a.stop();
    await b.stop();
    await onA();
    await onB();
    await a.start();
    await b.start();
  }

  it('keeps a row deleted on one device and changed on the other, and says so on both', async () => {
    const [a, b, milk] = await bothHave();
    await apart(
      a,
      b,
      () => a.db.todos.delete(milk.id),
      () => b.db.todos.update(milk.id, storedTodo({ ...milk, title: 'Buy oat milk' })),
    );
    for (const one of [a, b]) {
      await eventually(async () => {
        expect((await one.db.todos.get(milk.id))?.title).toBe('Buy oat milk');
        expect((await one.db.syncNotes.get(milk.id))?.deletedElsewhere).toBe(true);
      });
    }
  });

  it('keeps both of two people added with one name while apart, and notes the clash on both devices', async () => {
    const [a, b] = await twoDevices();
    await a.start();
    await b.start();
    await a.stop();
    await b.stop();
    const annOnA = storedUser({ username: 'Ann', createdAt: 1 });
    const annOnB = storedUser({ username: 'ann', createdAt: 2 });
    const taskOfB = storedTodo({ title: 'Water plants', done: 0, createdAt: 1, updatedAt: 1, userId: annOnB.id });
    await a.db.users.add(annOnA);
    await b.db.transaction('rw', [b.db.users, b.db.todos], async () => {
      await b.db.users.add(annOnB);
      await b.db.todos.add(taskOfB);
    });
    await a.start();
    await b.start();
    for (const one of [a, b]) {
      await eventually(async () => {
        expect((await rows(one.db, 'users')).map((user) => user.id).sort()).toEqual([annOnA.id, annOnB.id].sort());
        expect((await one.db.todos.get(taskOfB.id))?.userId).toBe(annOnB.id);
        expect((await one.db.syncNotes.get(annOnA.id))?.sameNameAs).toBe(annOnB.id);
        expect((await one.db.syncNotes.get(annOnB.id))?.sameNameAs).toBe(annOnA.id);
      });
    }
  });

  it('resumes after the server stops in the middle of a sync, with every row once', async () => {
    const [a, b] = await twoDevices();
    await a.start();
    const count = 2000;
    const many = Array.from({ length: count }, (_, n) => todo(`To-do ${n}`));
    await a.db.todos.bulkAdd(many);
    // Frozen as soon as the first rows arrive: the server takes no more requests until let go.
    let arrived = 0;
    await eventually(async () => {
      arrived = await documentCount(home);
      expect(arrived).toBeGreaterThan(0);
    }, 2000);
    process.kill(server.pid, 'SIGSTOP');
    try {
      expect(arrived).toBeLessThan(count);
      await b.start();
      await a.db.todos.update(many[0]!.id, storedTodo({ ...many[0]!, title: 'Changed while the server was stopped' }));
    } finally {
      process.kill(server.pid, 'SIGCONT');
    }
    a.engine.syncNow();
    b.engine.syncNow();
    await eventually(async () => {
      const onB = await rows(b.db, 'todos');
      expect(onB).toHaveLength(count);
      expect(onB.find((row) => row.id === many[0]!.id)?.title).toBe('Changed while the server was stopped');
    }, 2400);
    expect((await rows(b.db, 'todos')).map((row) => row.id).sort()).toEqual(many.map((row) => row.id).sort());
    expect(await documentCount(home)).toBe(count);
  });

  it('says offline while the server cannot be reached, and connected again once it can', async () => {
    const [a] = await twoDevices();
    await a.start();
    await eventually(() => expect(a.status.phase).toBe('connected'));
    a.unreachable = true;
    const milk = todo('Buy milk');
    await a.db.todos.add(milk);
    await eventually(() => expect(a.status.phase).toBe('offline'));
    await eventually(() => expect(a.status.waiting).toBe(1));
    // Replication retries on its own (after 1 s, then longer), and says so when it gets through.
    a.unreachable = false;
    await eventually(() => expect(a.status.phase).toBe('connected'));
    await eventually(() => expect(a.status.waiting).toBe(0));
    expect(await documentCount(home)).toBe(1);
  });

  it('reports no error when the network drops just as a batch has arrived, and carries on', async () => {
    const [a, b] = await bothHave();
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', record);
    try {
      b.infoUnreachable = true;
      const bread = todo('Buy bread');
      await a.db.todos.add(bread);
      await eventually(async () => expect(await b.db.todos.get(bread.id)).toBeDefined());
      await eventually(() => expect(b.infoRefused).toBeGreaterThan(0));
      // A rejection nobody handles is reported once the tasks queued with it have run.
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
      b.infoUnreachable = false;
      const eggs = todo('Buy eggs');
      await a.db.todos.add(eggs);
      await eventually(async () => expect(await b.db.todos.get(eggs.id)).toBeDefined());
    } finally {
      process.off('unhandledRejection', record);
    }
  });

  it('counts a change as waiting until the server has it, not merely this device’s copy', async () => {
    const [a] = await twoDevices();
    await a.start();
    await eventually(() => expect(a.status.phase).toBe('connected'));
    process.kill(server.pid, 'SIGSTOP');
    const milk = todo('Buy milk');
    try {
      await a.db.todos.add(milk);
      await eventually(async () => expect((await a.db.outbox.get(milk.id))?.sentRev).toBeDefined());
      expect(a.status.waiting).toBe(1);
    } finally {
      process.kill(server.pid, 'SIGCONT');
    }
    await eventually(() => expect(a.status.waiting).toBe(0));
    expect(await documentCount(home)).toBe(1);
  });

  it('keeps a household’s rows from a person of another household', async () => {
    const [a] = await twoDevices();
    await a.start();
    await a.db.todos.add(todo('Private'));
    households += 1;
    const eve = { name: `eve-${households}`, password: 'eve-secret' };
    const other = await household(server, `other-${households}`, [eve]);
    const intruder = await device(server.url, { ...other, database: home.database }, eve);
    running.push(intruder);
    await intruder.start();
    await intruder.db.todos.add(todo('Planted'));
    await eventually(() => expect(intruder.status.phase).toBe('error'));
    expect(await intruder.db.todos.count()).toBe(1);
    await eventually(async () => expect(await a.db.outbox.count()).toBe(0));
    expect((await rows(a.db, 'todos')).map((row) => row.title)).toEqual(['Private']);
  });
});

describe('devices on different versions of Tend', { timeout: 30_000 }, () => {
  /** The next schema version after this code's: it rewrites every to-do's notes, as an upgrade may. */
  const nextVersion: SchemaVersion = {
    version: latestVersion + 1,
    description: 'Notes say they were migrated',
    stores: {},
    rows: { todos: (row) => ({ ...row, notes: `${String(row.notes ?? '')} (migrated)`.trim() }) },
  };

  async function serverDoc(home: Household, person: { name: string; password: string }, id: string): Promise<RowDoc> {
    const response = await fetch(`${home.url}/${id}`, { headers: { Authorization: basicAuth(person) } });
    return (await response.json()) as RowDoc;
  }

  it('keeps rows a newer Tend wrote without showing them, and an older device’s edit keeps their new fields', async () => {
    const [a, b, milk] = await bothHave();
    await eventually(async () => expect(await a.db.outbox.count()).toBe(0));
    await b.stop();
    // A newer Tend on another device adds a field this code does not know.
    const person = home.people[0]!;
    const written = await serverDoc(home, person, milk.id);
    const generation = Number.parseInt(written._rev!, 10) + 1;
    const newer = { ...written, schema: latestVersion + 1, by: person.name, fields: { ...written.fields, priority: 'high' }, edits: { ...written.edits, priority: generation } };
    const put = await fetch(`${home.url}/${milk.id}`, { method: 'PUT', headers: { Authorization: basicAuth(person), 'Content-Type': 'application/json' }, body: JSON.stringify(newer) });
    expect(put.status).toBe(201);
    await eventually(async () => expect((await a.db.syncNotes.get(milk.id))?.newerSchema).toBe(latestVersion + 1));
    await eventually(() => expect(a.status.newerRows).toBe(1));
    expect((await a.db.todos.get(milk.id))?.title).toBe('Buy milk');
    // An edit here, by code that knows nothing of `priority`, keeps it.
    await b.db.todos.update(milk.id, storedTodo({ ...milk, title: 'Buy oat milk' }));
    await b.start();
    await eventually(async () => {
      const merged = await serverDoc(home, person, milk.id);
      expect(merged.fields).toMatchObject({ title: 'Buy oat milk', priority: 'high' });
      expect(merged.schema).toBe(latestVersion + 1);
    });
  });

  it('upgrades one device while the other runs the older version, without sending a single row', async () => {
    const [a, b, milk] = await bothHave(storedTodo({ title: 'Buy milk', notes: 'Oat', done: 0, createdAt: 1, updatedAt: 1 }));
    await eventually(async () => expect(await a.db.outbox.count()).toBe(0));
    const before = (await serverDoc(home, home.people[0]!, milk.id))._rev;
    await b.stop();
    await b.update([...schemaVersions, nextVersion]);
    expect((await b.db.todos.get(milk.id))?.notes).toBe('Oat (migrated)');
    expect(await b.db.outbox.count()).toBe(0);
    await b.start();
    // The older device edits the row: the upgraded one reads it forward, as its upgrade would.
    await a.db.todos.update(milk.id, storedTodo({ ...milk, title: 'Buy oat milk' }));
    await eventually(async () => expect(await b.db.todos.get(milk.id)).toMatchObject({ title: 'Buy oat milk', notes: 'Oat (migrated)' }));
    const after = await serverDoc(home, home.people[0]!, milk.id);
    expect(after.schema).toBe(latestVersion);
    expect(Number.parseInt(after._rev!, 10)).toBe(Number.parseInt(before!, 10) + 1);
  });
});

describe('the server’s own checks', { timeout: 30_000 }, () => {
  it('refuses a row that breaks Tend’s rules, says why, and still takes the rest', async () => {
    const [a, b] = await twoDevices();
    await a.start();
    await b.start();
    // Written past the app's own checks, as a changed browser could.
    const tooLong = todo('x'.repeat(TODO_TITLE_MAX + 1));
    const fine = todo('Fine');
    await a.db.todos.bulkAdd([tooLong, fine]);
    await eventually(() => expect(a.status.refused.map((refused) => refused.id)).toEqual([tooLong.id]));
    expect(a.status.refused[0]?.reason).toContain('title');
    await eventually(async () => expect(await b.db.todos.get(fine.id)).toBeDefined());
    expect(await b.db.todos.get(tooLong.id)).toBeUndefined();
  });
});

describe('a device that trusts only itself', { timeout: 30_000 }, () => {
  it('receives every change even when a member moves every checkpoint on the server past them', async () => {
    const [a, b] = await twoDevices();
    await a.start();
    await b.start();
    const first = todo('Before');
    await b.db.todos.add(first);
    await eventually(async () => expect(await a.db.todos.get(first.id)).toBeDefined());
    await a.stop();
    const missed = todo('While A was away');
    await b.db.todos.add(missed);
    await eventually(async () => expect(await documentCount(home)).toBe(2));

    // Ben, a member, moves every replication checkpoint the server holds to the server's newest
    // change, as if A had already pulled it (_local documents are never validated).
    const asAdmin = { Authorization: basicAuth(server.admin) };
    const ben = { Authorization: `Basic ${btoa(`${b.name}:ben-secret`)}`, 'Content-Type': 'application/json' };
    const { update_seq: newest } = (await (await fetch(home.url, { headers: asAdmin })).json()) as { update_seq: string };
    const { rows: checkpoints } = (await (await fetch(`${home.url}/_local_docs`, { headers: asAdmin })).json()) as { rows: { id: string }[] };
    for (const { id } of checkpoints) {
      const doc = (await (await fetch(`${home.url}/${id}`, { headers: ben })).json()) as Record<string, unknown>;
      const moved = await fetch(`${home.url}/${id}`, { method: 'PUT', headers: ben, body: JSON.stringify({ ...doc, last_seq: newest }) });
      expect(moved.status).toBe(201);
    }

    await a.start();
    await eventually(async () => expect(await a.db.todos.get(missed.id)).toMatchObject({ title: 'While A was away' }));
    // A device keeps its checkpoints in its own copy: the server holds none to move.
    expect(checkpoints).toEqual([]);
  });
});

describe('signing out and in again', { timeout: 30_000 }, () => {
  it('a device that kept its data while signed out never overwrites what the household wrote since', async () => {
    const [a, b, milk] = await bothHave();
    const bread = todo('Buy bread');
    await a.db.todos.add(bread);
    await eventually(async () => expect(await b.db.todos.get(bread.id)).toBeDefined());
    await eventually(async () => expect(await a.db.outbox.count()).toBe(0));
    // Ann signs out and keeps her rows: sync's copy and bookkeeping go. While signed out she
    // changes one to-do; meanwhile Ben changes both.
    await a.stop({ forget: true });
    await a.db.todos.update(bread.id, storedTodo({ ...bread, title: 'Buy rye bread' }));
    await a.db.transaction('rw', [a.db.outbox, a.db.synced, a.db.syncNotes], async () => {
      for (const table of [a.db.outbox, a.db.synced, a.db.syncNotes]) await table.clear();
    });
    await b.db.todos.update(milk.id, storedTodo({ ...milk, title: 'Buy oat milk' }));
    await b.db.todos.update(bread.id, storedTodo({ ...bread, title: 'Buy white bread' }));
    await eventually(async () => expect(await b.db.outbox.count()).toBe(0));
    // She signs in again: every row she has goes, against what the household has.
    await queueEverything(a.db);
    // The household's revisions reach her copy before her rows are sent (either order happens).
    await a.prefetch();
    await a.start();
    for (const one of [a, b]) {
      await eventually(async () => {
        // What the household wrote since stands; her values are offered beside it, since
        // nothing tells whether she changed a row while signed out (she did the bread).
        expect((await one.db.todos.get(milk.id))?.title).toBe('Buy oat milk');
        expect((await one.db.todos.get(bread.id))?.title).toBe('Buy white bread');
        const clash = async (id: string) => (await one.db.syncNotes.get(id))?.fields?.title?.map((value) => value.value).sort();
        expect(await clash(milk.id)).toEqual(['Buy milk', 'Buy oat milk']);
        expect(await clash(bread.id)).toEqual(['Buy rye bread', 'Buy white bread']);
      });
    }
    expect(await a.db.todos.count()).toBe(2);
  });
});

/** A device's kept to-do counts, and the same counted from its to-dos. */
async function countsOn(one: Device) {
  const count = (done: number) => one.db.todos.where('[done+dueKey+id]').between([done], [done, Dexie.maxKey]).count();
  const row = await one.db.counts.get('todos');
  return { kept: { active: row?.active ?? 0, completed: row?.completed ?? 0 }, counted: { active: await count(0), completed: await count(1) } };
}

describe('the to-do counts on a syncing device', { timeout: 30_000 }, () => {
  it('follow the rows that arrive: a new device’s first copy, then each change, then signing out with the data removed', async () => {
    const [a, b] = await twoDevices();
    const rowsBefore = [todo('Buy milk'), { ...todo('Buy bread'), done: 1 as const }, todo('Buy eggs')];
    await a.db.todos.bulkAdd(rowsBefore);
    await a.start();
    await eventually(async () => expect(await a.db.outbox.count()).toBe(0));
    // The second device fills its tables from its first copy of the household.
    await b.start();
    await eventually(async () => expect((await countsOn(b)).kept).toEqual({ active: 2, completed: 1 }));
    // Then each change, as it arrives: an add, a toggle, a delete.
    await a.db.todos.add({ ...todo('Buy tea'), done: 1 });
    await a.db.todos.update(rowsBefore[0]!.id, { done: 1 });
    await a.db.todos.delete(rowsBefore[2]!.id);
    await eventually(async () => expect((await countsOn(b)).kept).toEqual({ active: 0, completed: 3 }));
    for (const one of [a, b]) {
      const { kept, counted } = await countsOn(one);
      expect(kept, one.name).toEqual(counted);
    }
    // Signing out with "remove data" empties the household's tables here, as signOut does.
    await b.stop({ forget: true });
    const tables = [b.db.outbox, b.db.synced, b.db.syncNotes, b.db.users, b.db.categories, b.db.todos, b.db.posts, b.db.movies];
    await b.db.transaction('rw', tables, async () => {
      for (const table of tables) await table.clear();
    });
    expect((await countsOn(b)).kept).toEqual({ active: 0, completed: 0 });
  });
});


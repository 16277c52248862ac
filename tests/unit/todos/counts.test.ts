import { liveQuery, type DBCore, type DBCoreMutateRequest, type DBCoreMutateResponse, type Middleware } from 'dexie';
import { describe, expect, it, vi } from 'vitest';
import { db } from '../../../src/db/db';
import { TendDB } from '../../../src/db/schema';
import { exportEverything } from '../../../src/lib/backup/export';
import { importBackup, readBackup } from '../../../src/lib/backup/import';
import { deleteCategory } from '../../../src/lib/categories/mutations';
import { orderingFor } from '../../../src/lib/paging';
import { loadSampleData } from '../../../src/lib/sample-data';
import { restoreSnapshot, takeSnapshot } from '../../../src/lib/snapshots';
import { signOut } from '../../../src/lib/sync/connection';
import { todosModel } from '../../../src/lib/todos/model';
import { clearCompleted, deleteTodo, markAllActive, markAllDone, renameTodo, setDone, updateTodo } from '../../../src/lib/todos/mutations';
import { todoCounts, todosWithDone } from '../../../src/lib/todos/queries';
import { recordDeletion } from '../../../src/lib/undo';
import { undoDeletion } from '../../../src/lib/undo-restore';
import { deleteUser } from '../../../src/lib/users/mutations';
import { addCategory, addTodoWith, addUser, todoInput } from './factories';
import { fixedId, requestRecorder } from '../support';

/** The counts as the screen reads them, and as counting the to-dos gives them. */
async function countsNow() {
  return {
    kept: await todoCounts(),
    counted: { left: await todosWithDone(0).count(), completed: await todosWithDone(1).count() },
  };
}

async function expectRight(after: string) {
  const { kept, counted } = await countsNow();
  expect(kept, `after ${after}`).toEqual(counted);
}

const idOf = async (title: string) => (await db.todos.where('titleKey').equals(title.toLowerCase()).first())!.id;

describe('the to-do counts', () => {
  it('equal a fresh count after every kind of write of to-dos', async () => {
    await expectRight('nothing yet');
    await loadSampleData();
    await expectRight('loading the sample data');
    expect(await db.todos.count()).toBeGreaterThan(0);

    const ann = await addUser('Ann');
    const garden = await addCategory('Garden');
    const house = await addCategory('House');
    const dig = await addTodoWith({ title: 'Dig', userId: ann, categoryId: garden });
    await addTodoWith({ title: 'Sow', done: true, userId: ann, categoryId: garden });
    await addTodoWith({ title: 'Sweep', categoryId: house });
    await addTodoWith({ title: 'Mop', done: true, categoryId: house });
    await expectRight('creating');

    await updateTodo(dig, todoInput({ title: 'Dig deeper', done: true, userId: ann, categoryId: garden }));
    await expectRight('updating through the form');
    await setDone(dig, false);
    await renameTodo(dig, 'Dig');
    await expectRight('a toggle and a rename');
    await markAllDone();
    await expectRight('marking all done');
    await markAllActive();
    await setDone(await idOf('Sow'), true);
    await setDone(await idOf('Mop'), true);
    await expectRight('marking all active');
    await clearCompleted();
    await expectRight('clearing completed');
    await setDone(await idOf('Sweep'), true);
    await deleteTodo(dig);
    await expectRight('deleting one');

    const bob = await addUser('Bob');
    await addTodoWith({ title: 'Paint', userId: bob });
    await addTodoWith({ title: 'Plaster', done: true, userId: bob });
    await deleteUser(ann, { kind: 'unlink' });
    await deleteUser(bob, { kind: 'cascade' });
    await expectRight('deleting users with their to-dos (unlink, cascade)');
    await addTodoWith({ title: 'Weed', categoryId: garden });
    await addTodoWith({ title: 'Rake', done: true, categoryId: garden });
    await deleteCategory(garden, { kind: 'move', targetId: house });
    const shed = await addCategory('Shed');
    await addTodoWith({ title: 'Oil', categoryId: shed });
    await deleteCategory(shed, { kind: 'unlink' });
    await deleteCategory(house, { kind: 'cascade' });
    await expectRight('deleting categories with their to-dos (move, unlink, cascade)');

    const before = (await countsNow()).kept;
    const orchard = await addCategory('Orchard');
    await addTodoWith({ title: 'Prune', done: true, categoryId: orchard });
    await addTodoWith({ title: 'Pick', categoryId: orchard });
    const record = await recordDeletion(() => deleteCategory(orchard, { kind: 'cascade' }));
    await expectRight('a deletion that undo records');
    expect((await countsNow()).kept).toEqual(before);
    await undoDeletion(record);
    await expectRight('undoing it');
    expect((await countsNow()).kept).toEqual({ left: before.left + 1, completed: before.completed + 1 });

    const backup = JSON.stringify(await exportEverything());
    expect(JSON.parse(backup).tables).not.toHaveProperty('counts');
    const atBackup = (await countsNow()).kept;
    await setDone(await idOf('Prune'), false);
    await importBackup(readBackup(backup, backup.length), 'replace');
    await expectRight('importing a backup that replaces everything');
    expect((await countsNow()).kept).toEqual(atBackup);
    await importBackup(readBackup(backup, backup.length), 'merge');
    await expectRight('merging a backup');
    expect((await countsNow()).kept).toEqual({ left: atBackup.left * 2, completed: atBackup.completed * 2 });

    const snapshot = await takeSnapshot(db.name, db.verno + 1);
    await markAllDone();
    await restoreSnapshot(snapshot);
    await expectRight('restoring a snapshot');
    expect((await countsNow()).kept).toEqual({ left: atBackup.left * 2, completed: atBackup.completed * 2 });

    await db.todos.clear();
    await expectRight('emptying the table');
    await addTodoWith({ title: 'Stay' });
    // Node has no window events; signing out lets go of its listener for other tabs' sign-outs.
    vi.stubGlobal('removeEventListener', () => {});
    await signOut({ keepData: false });
    vi.unstubAllGlobals();
    await expectRight('signing out of sync, removing the data');
    expect((await countsNow()).kept).toEqual({ left: 0, completed: 0 });
  });

  it('follow writes made in another tab, and the screen’s live read follows them', async () => {
    const seen: unknown[] = [];
    const subscription = liveQuery(todoCounts).subscribe((counts) => seen.push(counts));
    await addTodoWith({ title: 'Here' });
    const otherTab = new TendDB(db.name);
    await otherTab.open();
    try {
      const [row] = await otherTab.todos.toArray();
      await otherTab.todos.put({ ...row!, done: 1 });
      await otherTab.todos.add({ ...row!, id: '00000000-0000-7000-8000-000000000099', done: 0 });
      await expectRight('two writes in another tab');
      await vi.waitFor(() => expect(seen.at(-1)).toEqual({ left: 1, completed: 1 }));
    } finally {
      subscription.unsubscribe();
      otherTab.close();
    }
  });

  it('stay right when writes in one transaction run at once, and when a request writes a row twice', async () => {
    const ids = await Promise.all(['A', 'B', 'C', 'D'].map((title) => addTodoWith({ title })));
    const rows = await db.todos.bulkGet(ids);
    await db.transaction('rw', db.todos, () => Promise.all(rows.map((row) => db.todos.put({ ...row!, done: 1 }))));
    await expectRight('four updates at once');
    expect((await todoCounts()).completed).toBe(4);
    await db.todos.bulkPut([{ ...rows[0]!, done: 0 }, { ...rows[0]!, done: 1 }, { ...rows[1]!, done: 0 }]);
    await expectRight('one row written twice in one request');
    expect(await todoCounts()).toEqual({ left: 1, completed: 3 });
  });

  it('stay right when a transaction writes rows it has read, whatever came in between', async () => {
    const [a, b] = await Promise.all(['A', 'B'].map((title) => addTodoWith({ title })));
    const missing = fixedId(99);
    await db.transaction('rw', db.todos, async () => {
      const [rowA, rowB] = await db.todos.bulkGet([a!, b!]);
      await db.todos.get(missing);
      // Two writes of one row at once: the second cannot go by what the first will have written.
      await Promise.all([db.todos.put({ ...rowA!, done: 1 }), db.todos.put({ ...rowA!, done: 0 }), db.todos.put({ ...rowA!, done: 1 })]);
      // A row read, then deleted by another request, then written again.
      await db.todos.delete(b!);
      await db.todos.put({ ...rowB!, done: 1 });
      // A row read as missing, then added, then written.
      await db.todos.add({ ...rowB!, id: missing, done: 0 });
      await db.todos.put({ ...rowB!, id: missing, done: 1 });
    });
    await expectRight('writes of rows read earlier in the transaction');
    expect(await todoCounts()).toEqual({ left: 0, completed: 3 });
  });

  it('stay right when a write of a row read before it fails, and the failure is caught', async () => {
    const id = await addTodoWith({ title: 'Stay' });
    // IndexedDB refuses the to-do's next write: once whole, once as a failed row of the request.
    const refusals: ((request: DBCoreMutateRequest) => Promise<DBCoreMutateResponse>)[] = [
      () => Promise.reject(new Error('refused')),
      () => Promise.resolve({ numFailures: 1, failures: { 0: new Error('refused') }, results: [] } as unknown as DBCoreMutateResponse),
    ];
    for (const refuse of refusals) {
      const refusing: Middleware<DBCore> = {
        stack: 'dbcore',
        name: 'refusing',
        level: -20,
        create: (down) => ({
          ...down,
          table: (name) => (name === 'todos' ? { ...down.table(name), mutate: refuse } : down.table(name)),
        }),
      };
      db.close();
      db.use(refusing);
      await db.open();
      try {
        await db.transaction('rw', db.todos, async () => {
          const row = await db.todos.get(id);
          await db.todos.put({ ...row!, done: 1 }).catch(() => {});
        });
      } finally {
        db.close();
        db.unuse({ stack: 'dbcore', name: 'refusing' });
        await db.open();
      }
      expect(await todoCounts()).toEqual({ left: 1, completed: 0 });
      await expectRight('a refused write');
    }
  });

  it('roll back with a write of to-dos that fails', async () => {
    await addTodoWith({ title: 'Stay' });
    await expect(
      db.transaction('rw', db.todos, async () => {
        await db.todos.toCollection().modify({ done: 1 });
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    expect(await todoCounts()).toEqual({ left: 1, completed: 0 });
  });

  it('cost a toggle key reads only, whatever the number of to-dos: no count, no range but the page', async () => {
    const ann = await addUser('Ann');
    const house = await addCategory('House');
    for (let i = 0; i < 30; i++) await addTodoWith({ title: `Chore ${i}`, done: i % 3 === 0, userId: ann, categoryId: house });
    const first = await idOf('Chore 1');
    // Every request that reaches IndexedDB, below Dexie's own layers.
    const { middleware: recorder, requests } = requestRecorder();
    db.close();
    db.use(recorder);
    await db.open();
    const values: unknown[] = [];
    const ordering = orderingFor(todosModel.listing, {});
    const page = liveQuery(() => todosModel.page(ordering, { at: 'first' }, 10)).subscribe(() => {});
    const counts = liveQuery(todoCounts).subscribe((value) => values.push(value));
    try {
      await vi.waitFor(() => expect(values).toHaveLength(1));
      requests.length = 0;
      await setDone(first, true);
      await vi.waitFor(() => expect(values).toHaveLength(2));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(requests.sort()).toEqual([
        'categories.getMany',
        // The write: its row and the counts row, read once each, then both written.
        'counts.get',
        // The screen's live read of the counts.
        'counts.get',
        'counts.put',
        'todos.get',
        'todos.put',
        // The page of the list, as before the counts were kept.
        'todos.query(limit 11)',
        'users.getMany',
      ]);
    } finally {
      page.unsubscribe();
      counts.unsubscribe();
      db.close();
      db.unuse({ stack: 'dbcore', name: 'recorder' });
      await db.open();
    }
  });

  it('are not the household’s data: never backed up, snapshotted or synced', async () => {
    await addTodoWith({ title: 'Stay' });
    expect(Object.keys((await exportEverything()).tables)).not.toContain('counts');
    expect(await db.counts.count()).toBe(1);
    const { snapshotsOf } = await import('../../../src/db/snapshots');
    const id = await takeSnapshot(db.name, db.verno + 1);
    expect(Object.keys((await snapshotsOf(db.name).snapshots.get(id))!.tables)).not.toContain('counts');
    const { isSyncedTable } = await import('../../../src/lib/sync/documents');
    expect(isSyncedTable('counts')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { db } from '../../../src/db/db';
import { exportEverything } from '../../../src/lib/backup/export';
import { importBackup, readBackup } from '../../../src/lib/backup/import';
import { deleteCategory } from '../../../src/lib/categories/mutations';
import { loadSampleData } from '../../../src/lib/sample-data';
import { restoreSnapshot, takeSnapshot } from '../../../src/lib/snapshots';
import { todosModel } from '../../../src/lib/todos/model';
import { clearCompleted, deleteTodo, markAllActive, markAllDone, renameTodo, setDone } from '../../../src/lib/todos/mutations';
import { todoCounts, todosWithDone } from '../../../src/lib/todos/queries';
import { recordDeletion } from '../../../src/lib/undo';
import { undoDeletion } from '../../../src/lib/undo-restore';
import { deleteUser } from '../../../src/lib/users/mutations';
import { latestVersion } from '../../../src/db/schema';
import { countReads } from '../support';
import { addCategory, addTodoWith, addUser, todoInput } from './factories';

/** The counts as the screen reads them, and as counting every to-do gives them. */
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
    const total = await db.todos.count();
    expect(total).toBeGreaterThan(0);

    const ann = await addUser('Ann');
    const garden = await addCategory('Garden');
    const house = await addCategory('House');
    const dig = await addTodoWith({ title: 'Dig', userId: String(ann), categoryId: String(garden) });
    await addTodoWith({ title: 'Sow', done: true, userId: String(ann), categoryId: String(garden) });
    await addTodoWith({ title: 'Sweep', categoryId: String(house) });
    await addTodoWith({ title: 'Mop', done: true, categoryId: String(house) });
    await expectRight('creating');

    await todosModel.update(dig, todoInput({ title: 'Dig deeper', done: true, userId: String(ann), categoryId: String(garden) }));
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
    await addTodoWith({ title: 'Paint', userId: String(bob) });
    await addTodoWith({ title: 'Plaster', done: true, userId: String(bob) });
    await deleteUser(ann, { kind: 'unlink' });
    await deleteUser(bob, { kind: 'cascade' });
    await expectRight('deleting users with their to-dos (unlink, cascade)');
    await addTodoWith({ title: 'Weed', categoryId: String(garden) });
    await addTodoWith({ title: 'Rake', done: true, categoryId: String(garden) });
    await deleteCategory(garden, { kind: 'move', targetId: house });
    const shed = await addCategory('Shed');
    await addTodoWith({ title: 'Oil', categoryId: String(shed) });
    await deleteCategory(shed, { kind: 'unlink' });
    await deleteCategory(house, { kind: 'cascade' });
    await expectRight('deleting categories with their to-dos (move, unlink, cascade)');

    const before = await countsNow();
    await addTodoWith({ title: 'Prune', done: true, categoryId: String(await addCategory('Orchard')) });
    const orchard = (await db.categories.where('nameKey').equals('orchard').first())!.id;
    const record = await recordDeletion(() => deleteCategory(orchard, { kind: 'cascade' }));
    await expectRight('a deletion that undo records');
    await undoDeletion(record);
    await expectRight('undoing it');
    expect((await countsNow()).kept.completed).toBe(before.kept.completed + 1);

    const backup = JSON.stringify(await exportEverything());
    await setDone(await idOf('Prune'), false);
    await importBackup(readBackup(backup, backup.length), 'replace');
    await expectRight('importing a backup that replaces everything');
    await importBackup(readBackup(backup, backup.length), 'merge');
    await expectRight('merging a backup');
    expect((await countsNow()).kept).toEqual({ left: before.kept.left * 2, completed: (before.kept.completed + 1) * 2 });

    const snapshot = await takeSnapshot(db.name, latestVersion + 1);
    await markAllDone();
    await restoreSnapshot(snapshot);
    await expectRight('restoring a snapshot');
    await db.todos.clear();
    await expectRight('emptying the table');
    expect((await countsNow()).kept).toEqual({ left: 0, completed: 0 });
  });

  it('stay right when writes in one transaction run at once', async () => {
    const ids = await Promise.all(['A', 'B', 'C', 'D'].map((title) => addTodoWith({ title })));
    const rows = await db.todos.bulkGet(ids);
    await db.transaction('rw', db.todos, () => Promise.all(rows.map((row) => db.todos.put({ ...row!, done: 1 }))));
    await expectRight('four updates at once');
    expect((await todoCounts()).completed).toBe(4);
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

  it('are read with one get, whatever the number of to-dos', async () => {
    await loadSampleData();
    const log = await countReads();
    await todoCounts();
    expect(log.reads).toEqual(['counts.get']);
    await log.stop();
  });

  it('are not part of the data: backups leave them out', async () => {
    await addTodoWith({ title: 'Stay' });
    expect(Object.keys((await exportEverything()).tables)).not.toContain('counts');
  });
});

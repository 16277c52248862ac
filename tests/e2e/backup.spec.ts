import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { tempDir } from './support/server';
import { Tend } from './support/tend';
import { CURRENT_VERSION } from './support/versions';

/** Clicks a button that downloads a file, and returns the file's text. */
async function download(page: Page, button: string) {
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: button }).click();
  const file = await downloading;
  return { name: file.suggestedFilename(), text: await readFile((await file.path())!, 'utf8') };
}

async function importFile(page: Page, path: string, mode: 'Merge' | 'Replace everything') {
  await page.getByLabel('Backup file').setInputFiles(path);
  await page.getByRole('radio', { name: new RegExp(`^${mode}`) }).check();
  await page.getByRole('button', { name: 'Import…' }).click();
  await page.getByRole('group', { name: 'Confirm the import' }).getByRole('button', { name: 'Import' }).click();
}

test.describe('Backup and restore', () => {
  test('export everything, clear, import: every row comes back as it was', async ({ page }) => {
    const tend = new Tend(page);
    await tend.loadSampleData();
    await tend.createUser('Zoë 🌿 «ünïcødé»', 'zoe@example.com');
    await tend.open('database');
    await expect(page.getByText('You have not made a backup yet.', { exact: false })).toBeVisible();
    const backup = await download(page, 'Export everything');
    expect(backup.name).toMatch(/^tend-backup-\d{4}-\d{2}-\d{2}\.json$/);
    const exported = JSON.parse(backup.text) as { app: string; schemaVersion: number; tables: Record<string, unknown[]> };
    expect(exported).toMatchObject({ app: 'Tend', schemaVersion: CURRENT_VERSION });
    expect(exported.tables.users).toHaveLength(3);
    await expect(page.getByText('You have not made a backup yet.', { exact: false })).toHaveCount(0);

    // Clear: delete every user with all they own, every category with what is in it, every movie.
    await page.evaluate(async () => {
      const open = indexedDB.open('tend');
      const db = await new Promise<IDBDatabase>((resolve) => (open.onsuccess = () => resolve(open.result)));
      const tx = db.transaction(['users', 'todos', 'categories', 'posts', 'movies'], 'readwrite');
      for (const store of ['users', 'todos', 'categories', 'posts', 'movies']) tx.objectStore(store).clear();
      await new Promise((resolve) => (tx.oncomplete = resolve));
      db.close();
    });
    await page.reload();
    await expect(page.getByRole('region', { name: 'Rows per table' }).getByRole('row', { name: /^Users/ })).toContainText('0');

    const dir = await tempDir('tend-backup-');
    const path = join(dir, backup.name);
    await writeFile(path, backup.text);
    await importFile(page, path, 'Replace everything');
    await expect(page.getByText(/^Imported: 3 users, 1 category, 4 to-dos, 2 posts, 2 movies/)).toBeVisible();

    const again = await download(page, 'Export everything');
    expect((JSON.parse(again.text) as { tables: unknown }).tables).toEqual(exported.tables);
    // The to-do counts are no table of the file, and the import keeps them right.
    expect(Object.keys(exported.tables)).not.toContain('counts');
    const left = (exported.tables.todos as { done: number }[]).filter((todo) => todo.done !== 1).length;
    await tend.open();
    await expect(page.getByRole('status').filter({ hasText: 'left' })).toHaveText(`${left} ${left === 1 ? 'item' : 'items'} left`);
    await tend.open('users');
    await expect(tend.listedUsernames()).toHaveText(['admin', 'guest', 'Zoë 🌿 «ünïcødé»']);
  });

  test('a bad file changes nothing and says which row and field is wrong', async ({ page }) => {
    const tend = new Tend(page);
    await tend.loadSampleData();
    await tend.open('database');
    const exported = JSON.parse((await download(page, 'Export everything')).text) as { tables: { todos: { title: string }[] } };
    exported.tables.todos[2]!.title = 'x'.repeat(201);
    const dir = await tempDir('tend-bad-');
    await writeFile(join(dir, 'bad.json'), JSON.stringify(exported));
    await writeFile(join(dir, 'proto.json'), '{"app":"Tend","__proto__":{"polluted":true}}');

    for (const mode of ['Replace everything', 'Merge'] as const) {
      await importFile(page, join(dir, 'bad.json'), mode);
      await expect(page.getByRole('alert')).toContainText('Nothing was imported');
      await expect(page.getByRole('alert')).toContainText('todos, row 3, title: Title must be at most 200 characters');
    }
    await importFile(page, join(dir, 'proto.json'), 'Merge');
    await expect(page.getByRole('alert')).toContainText('__proto__');

    await tend.open();
    await expect(page.getByRole('list', { name: 'To-dos' }).getByRole('listitem')).toHaveCount(4);
    await tend.open('users');
    await expect(tend.listedUsernames()).toHaveText(['admin', 'guest']);
  });

  test('a list exports to CSV as it is sorted and filtered', async ({ page }) => {
    const tend = new Tend(page);
    await tend.loadSampleData();
    await tend.open('movies');
    await page.getByRole('button', { name: 'Watched', exact: true }).click();
    await expect(page.getByRole('rowheader')).toHaveText(['Ghostbusters']);
    const csv = await download(page, 'Export CSV');
    expect(csv.name).toMatch(/^tend-movies-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(csv.text.replace(/^\uFEFF/, '').trim().split('\r\n')).toEqual(['Title,Year,Watched,Rating', 'Ghostbusters,1984,Yes,★★★★★ 5/5']);

    await page.getByRole('button', { name: 'All', exact: true }).click();
    await page.getByRole('columnheader', { name: 'Year' }).getByRole('button').click();
    const sorted = await download(page, 'Export CSV');
    expect(sorted.text.trim().split('\r\n').slice(1).map((line) => line.split(',')[0])).toEqual(['Spirited Away', 'Ghostbusters']);
  });
});

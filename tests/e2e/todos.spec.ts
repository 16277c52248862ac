import { expect, test, type Page } from '@playwright/test';
import { rowAddress } from './support/addresses';
import { Tend } from './support/tend';

/** The to-do home, acted on as a person would. */
class TodoHome extends Tend {
  constructor(page: Page) {
    super(page);
  }

  newTodo() {
    return this.page.getByLabel('What needs to be done?');
  }

  async add(...titles: string[]) {
    for (const title of titles) {
      await this.newTodo().fill(title);
      await this.newTodo().press('Enter');
      await expect(this.items().filter({ hasText: title })).toHaveCount(1);
    }
  }

  items() {
    return this.page.getByRole('list', { name: 'To-dos' }).getByRole('listitem');
  }

  item(title: string) {
    return this.items().filter({ hasText: title });
  }

  doneBox(title: string) {
    return this.page.getByRole('checkbox', { name: `Done: ${title}` });
  }

  counter() {
    return this.page.getByRole('status').filter({ hasText: /left$/ });
  }
}

test.describe('To-dos, the TodoMVC way', () => {
  test('type a title and press Enter to add; toggle done; N items left with the right plural', async ({ page }) => {
    const home = new TodoHome(page);
    await home.open();
    await expect(home.heading()).toHaveText('To-dos');
    await home.add('Buy bread', 'Call Mum');
    await expect(home.newTodo()).toHaveValue('');
    await expect(home.counter()).toHaveText('2 items left');

    await home.doneBox('Buy bread').check();
    await expect(home.counter()).toHaveText('1 item left');
    await home.doneBox('Call Mum').check();
    await expect(home.counter()).toHaveText('0 items left');
    await home.doneBox('Call Mum').uncheck();
    await expect(home.counter()).toHaveText('1 item left');

    // A blank title adds nothing; an over-long one says why.
    await home.newTodo().fill('   ');
    await home.newTodo().press('Enter');
    await expect(home.items()).toHaveCount(2);
    await home.newTodo().fill('x'.repeat(201));
    await home.newTodo().press('Enter');
    await expect(home.newTodo()).toHaveAccessibleDescription('Title must be at most 200 characters');
    await expect(home.items()).toHaveCount(2);
  });

  test('a toggle shows on its row once it is saved, without waiting for the list to be read back', async ({ page }) => {
    const home = new TodoHome(page);
    await home.open();
    await home.add('Buy bread', 'Call Mum');
    const title = home.item('Buy bread').getByText('Buy bread', { exact: true });
    await expect(title).toHaveCSS('text-decoration-line', 'none');
    // Another tab takes a write on users at the moment of the tap: the list's read back (of
    // to-dos with their owners) waits for it, the toggle's own write (to-dos and counts) does not.
    // Taken at the tap, not before it: IndexedDB runs overlapping transactions in the order they
    // were made, so a read of the list made between an earlier hold and the tap (a live query
    // re-running late on a busy machine) would wait for the hold, and the toggle's write for it.
    await page.evaluate(
      () =>
        new Promise<void>((ready) => {
          const open = indexedDB.open('tend');
          open.onsuccess = () => {
            const db = open.result;
            const holdUsers = () => {
              const tx = db.transaction('users', 'readwrite');
              const store = tx.objectStore('users');
              const keepBusy = () => {
                if ((window as { releaseUsers?: boolean }).releaseUsers) return;
                store.count().onsuccess = keepBusy;
              };
              keepBusy();
              tx.oncomplete = () => db.close();
            };
            // Capturing, on the document: before the checkbox's own change handler.
            document.addEventListener('click', holdUsers, { capture: true, once: true });
            ready();
          };
        }),
    );
    await home.doneBox('Buy bread').check();
    await expect(title).toHaveCSS('text-decoration-line', 'line-through');
    // The footer follows the list's read, still held.
    await expect(home.counter()).toHaveText('2 items left');
    await page.evaluate(() => ((window as { releaseUsers?: boolean }).releaseUsers = true));
    await expect(home.counter()).toHaveText('1 item left');
    await expect(title).toHaveCSS('text-decoration-line', 'line-through');
  });

  test('the next to-do typed while the first is saving is kept, not cleared with it', async ({ page }) => {
    const home = new TodoHome(page);
    // The first write of a visit loads the to-dos' rules: held back here, as a slow phone would.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/assets\/validate-[^/]+\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    await home.open();
    await home.newTodo().fill('Paint the fence');
    await home.newTodo().press('Enter');
    await home.newTodo().fill('Oil the gate');
    release();
    await expect(home.item('Paint the fence')).toHaveCount(1);
    await expect(home.newTodo()).toHaveValue('Oil the gate');
    await home.newTodo().press('Enter');
    await expect(home.item('Oil the gate')).toHaveCount(1);
    await expect(home.newTodo()).toHaveValue('');
  });

  test('double-click edits a title in place: Enter saves, Escape cancels', async ({ page }) => {
    const home = new TodoHome(page);
    await home.open();
    await home.add('Wash car');

    await home.item('Wash car').getByText('Wash car', { exact: true }).dblclick();
    const editor = page.getByLabel('Edit “Wash car”');
    await expect(editor).toBeFocused();
    await editor.fill('Wash the car');
    await editor.press('Enter');
    await expect(home.item('Wash the car')).toHaveCount(1);

    await home.item('Wash the car').getByRole('button', { name: 'Edit “Wash the car”' }).click();
    await page.getByLabel('Edit “Wash the car”').fill('Something else');
    await page.getByLabel('Edit “Wash the car”').press('Escape');
    await expect(home.item('Wash the car')).toHaveCount(1);
    await expect(home.item('Something else')).toHaveCount(0);
  });

  test('an emptied title asks to delete the to-do', async ({ page }) => {
    const home = new TodoHome(page);
    await home.open();
    await home.add('Old idea', 'Keep me');

    await home.item('Old idea').getByText('Old idea', { exact: true }).dblclick();
    await page.getByLabel('Edit “Old idea”').fill('');
    await page.getByLabel('Edit “Old idea”').press('Enter');
    await expect(home.item('Old idea')).toContainText('Delete “Old idea”?');
    await home.item('Old idea').getByRole('button', { name: 'Keep it' }).click();
    await expect(home.doneBox('Old idea')).toBeVisible();

    await home.item('Old idea').getByText('Old idea', { exact: true }).dblclick();
    await page.getByLabel('Edit “Old idea”').fill('  ');
    await page.getByLabel('Edit “Old idea”').press('Enter');
    await home.item('Old idea').getByRole('button', { name: 'Delete' }).click();
    await expect(home.items()).toHaveCount(1);
    await expect(home.items()).toContainText('Keep me');
  });

  test('mark all as done, clear completed, and filters that survive a reload', async ({ page }) => {
    const home = new TodoHome(page);
    await home.open();
    await home.add('One', 'Two', 'Three');
    await home.doneBox('Two').check();

    await page.getByRole('button', { name: 'Active', exact: true }).click();
    await expect(home.items()).toHaveText([/One/, /Three/]);
    await page.reload();
    await expect(page.getByRole('button', { name: 'Active', exact: true })).toHaveAttribute('aria-pressed', 'true');
    await expect(home.items()).toHaveText([/One/, /Three/]);

    await page.getByRole('button', { name: 'Completed', exact: true }).click();
    await expect(home.items()).toHaveText([/Two/]);
    await page.getByRole('button', { name: 'All', exact: true }).click();
    await expect(home.items()).toHaveCount(3);

    await page.getByRole('button', { name: 'Mark all as done' }).click();
    await expect(home.counter()).toHaveText('0 items left');
    await expect(page.getByRole('button', { name: 'Mark all as active' })).toBeVisible();
    await page.getByRole('button', { name: 'Clear completed' }).click();
    await expect(home.items()).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Clear completed' })).toHaveCount(0);
  });

  test('a to-do gets an owner, a category and a due date in its form', async ({ page }) => {
    const home = new TodoHome(page);
    await home.createUser('Ann');
    await home.open('categories/new');
    await home.field('Name').fill('House');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(home.heading()).toHaveText('House');

    await home.open();
    await page.getByRole('link', { name: 'New to-do' }).click();
    await home.field('Title').fill('Fix the gate');
    await home.field('Due date').fill('2030-05-17');
    await home.field('Owner').selectOption({ label: 'Ann' });
    await home.field('Category').selectOption({ label: 'House' });
    await home.field('Notes').fill('Hinge is loose');
    await page.getByRole('button', { name: 'Save' }).click();

    await expect(home.heading()).toHaveText('Fix the gate');
    await expect(page.getByRole('link', { name: 'Ann' })).toHaveAttribute('href', rowAddress('users'));
    await expect(page.getByRole('link', { name: 'House' })).toHaveAttribute('href', rowAddress('categories'));
    await expect(page.getByText('Hinge is loose')).toBeVisible();

    await home.open();
    await expect(home.item('Fix the gate')).toContainText('Ann');
    await expect(home.item('Fix the gate')).toContainText('House');
  });
});

import { expect, test } from '@playwright/test';
import { NO_SUCH_IDS, rowAddress } from './support/addresses';
import { Tend } from './support/tend';

test.describe('Users', () => {
  test('an empty Tend invites you to add the first user', async ({ page }) => {
    const tend = new Tend(page);
    await tend.open('users');
    await expect(page.getByText('No users yet — add the first one.')).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Users' })).toBeVisible();
  });

  test('create, list in alphabetical order ignoring case, view, edit and delete', async ({ page }) => {
    const tend = new Tend(page);
    await tend.open('users');
    await page.getByRole('link', { name: 'New user' }).click();
    await tend.fillUser('  bob  ', 'bob@example.com');
    await page.getByRole('button', { name: 'Save' }).click();

    // Saved and trimmed, and we are on the new user's page.
    await expect(tend.heading()).toHaveText('bob');
    await expect(page).toHaveURL(rowAddress('users'));
    await expect(page.getByText('bob@example.com')).toBeVisible();

    await tend.createUser('Carol');
    await tend.createUser('alice');
    await tend.open('users');
    await expect(tend.listedUsernames()).toHaveText(['alice', 'bob', 'Carol']);

    // Edit through the detail page.
    await tend.listedUsernames().getByRole('link', { name: 'bob' }).click();
    await page.getByRole('link', { name: 'Edit' }).click();
    await expect(tend.field('Username')).toHaveValue('bob');
    await expect(tend.field('Email')).toHaveValue('bob@example.com');
    await tend.fillUser('Bobby', '');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(tend.heading()).toHaveText('Bobby');
    await expect(page.getByText('bob@example.com')).toHaveCount(0);

    // Delete asks first; Cancel keeps the user.
    await page.getByRole('link', { name: 'Delete' }).click();
    await expect(tend.heading()).toHaveText('Delete user “Bobby”?');
    await page.getByRole('link', { name: 'Cancel' }).click();
    await expect(tend.heading()).toHaveText('Bobby');

    await page.getByRole('link', { name: 'Delete' }).click();
    await page.getByRole('button', { name: 'Delete' }).click();
    await expect(page).toHaveURL(/\/users$/);
    await expect(tend.listedUsernames()).toHaveText(['alice', 'Carol']);
  });

  test.describe('a refused form says why next to the field, keeps the text and saves nothing', () => {
    const cases = [
      { what: 'a blank username', username: '   ', email: '', field: 'Username', message: 'Username is required' },
      { what: 'an 81-character username', username: 'x'.repeat(81), email: '', field: 'Username', message: 'Username must be at most 80 characters' },
      { what: 'a username taken in another case', username: 'ANN', email: '', field: 'Username', message: 'That username is already taken' },
      { what: 'an email taken in another case', username: 'Bea', email: 'ANN@example.com', field: 'Email', message: 'That email is already taken' },
      { what: 'an email that is not an address', username: 'Bea', email: 'bea-at-home', field: 'Email', message: 'Enter a valid email address, like ann@example.com' },
    ];

    for (const { what, username, email, field, message } of cases) {
      test(what, async ({ page }) => {
        const tend = new Tend(page);
        await tend.createUser('Ann', 'ann@example.com');
        await tend.open('users/new');
        await tend.fillUser(username, email);
        await page.getByRole('button', { name: 'Save' }).click();

        // The message is tied to its field (aria-describedby), which is marked invalid and focused.
        await expect(tend.field(field)).toHaveAccessibleDescription(new RegExp(`^${message}`));
        await expect(tend.field(field)).toHaveAttribute('aria-invalid', 'true');
        await expect(tend.field(field)).toBeFocused();
        await expect(page).toHaveURL(/\/users\/new$/);
        await expect(tend.field('Username')).toHaveValue(username);
        await expect(tend.field('Email')).toHaveValue(email);

        await tend.open('users');
        await expect(tend.listedUsernames()).toHaveText(['Ann']);
      });
    }
  });

  test('an unknown id or path shows "not found" with a way back', async ({ page }) => {
    const tend = new Tend(page);
    // Tend has a row, so "not found" is about the id: a UUID no row has, and an old number none had.
    await tend.createUser('Ann');
    const paths = NO_SUCH_IDS.flatMap((id) => [`users/${id}`, `users/${id}/edit`, `users/${id}/delete`]);
    for (const path of [...paths, 'users/abc']) {
      await tend.open(path);
      await expect(tend.heading()).toHaveText('Not found');
      await expect(page.getByText('There is no such user. It may have been deleted.')).toBeVisible();
    }
    await page.getByRole('link', { name: 'Back to Users' }).click();
    await expect(page).toHaveURL(/\/users$/);

    await tend.open('no/such/page');
    await expect(tend.heading()).toHaveText('Not found');
    await page.getByRole('link', { name: 'Go to To-dos' }).click();
    await expect(tend.heading()).toHaveText('To-dos');
  });

  test('a username made of markup is shown as text and never runs', async ({ page }) => {
    const tend = new Tend(page);
    const markup = '<img src=x onerror="window.__tendXss=1">';
    await tend.createUser(markup);
    await expect(tend.heading()).toHaveText(markup);
    await tend.open('users');
    await expect(tend.listedUsernames()).toHaveText([markup]);
    await expect(page.locator('main img')).toHaveCount(0);
    expect(await page.evaluate(() => (window as { __tendXss?: number }).__tendXss)).toBeUndefined();
  });

  test('a user saved in one tab appears in another open tab without a reload', async ({ context }) => {
    const watching = new Tend(await context.newPage());
    await watching.open('users');
    await expect(watching.page.getByText('No users yet')).toBeVisible();

    const editing = new Tend(await context.newPage());
    await editing.createUser('Dana');
    await expect(watching.listedUsernames()).toHaveText(['Dana']);

    await editing.page.getByRole('link', { name: 'Edit' }).click();
    await editing.fillUser('Dana B', '');
    await editing.page.getByRole('button', { name: 'Save' }).click();
    await expect(watching.listedUsernames()).toHaveText(['Dana B']);
  });

  test('works with the keyboard alone', async ({ page }) => {
    const tend = new Tend(page);
    await tend.open('users');
    await page.getByRole('link', { name: 'New user' }).focus();
    await page.keyboard.press('Enter');
    await expect(tend.heading()).toHaveText('New user');
    await tend.field('Username').focus();
    await page.keyboard.type('Kim');
    await page.keyboard.press('Enter');
    await expect(tend.heading()).toHaveText('Kim');
    // Focus moves to the new page's heading, so a screen reader announces it.
    await expect(tend.heading()).toBeFocused();
  });
});

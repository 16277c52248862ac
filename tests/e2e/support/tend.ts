import { expect, type Page } from '@playwright/test';

/**
 * Acts on Tend as a person would: by labels, roles and visible text.
 * `root` is where the app lives ("/" on the default server, a full URL on a test server).
 */
export class Tend {
  constructor(
    readonly page: Page,
    readonly root = '/',
  ) {}

  async open(path = ''): Promise<void> {
    await this.page.goto(this.root + path);
  }

  heading() {
    return this.page.getByRole('heading', { level: 1 });
  }

  field(label: string) {
    return this.page.getByLabel(label, { exact: true });
  }

  async fillUser(username: string, email = ''): Promise<void> {
    await this.field('Username').fill(username);
    await this.field('Email').fill(email);
  }

  /** Adds a user through the New user form and waits for their page. */
  async createUser(username: string, email = ''): Promise<void> {
    await this.open('users/new');
    await this.fillUser(username, email);
    await this.page.getByRole('button', { name: 'Save' }).click();
    await expect(this.heading()).toHaveText(username.trim());
  }

  /** Opens an empty Tend and loads the seeds' examples through the first-run offer. */
  async loadSampleData(): Promise<void> {
    await this.open();
    await this.page.getByRole('button', { name: 'Load sample data' }).click();
    await expect(this.page.getByRole('list', { name: 'To-dos' }).getByRole('listitem')).toHaveCount(4);
  }

  /** The usernames in the Users list, top to bottom. */
  listedUsernames() {
    return this.page.getByRole('table').getByRole('rowheader');
  }
}

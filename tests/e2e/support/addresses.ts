import type { Page } from '@playwright/test';

/** A row's id as Tend writes it in an address: a lower-case UUID. */
export const ID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** Any row's address of a model, ending with its id and then `rest` (e.g. '/edit'). */
export function rowAddress(model: string, rest = ''): RegExp {
  return new RegExp(`/${model}/${ID}${rest}$`);
}

/** The id of the row whose screen the page shows, read from its address. */
export function idOnScreen(page: Page): string {
  const id = new RegExp(`/(${ID})(?:/(?:edit|delete))?$`).exec(new URL(page.url()).pathname)?.[1];
  if (!id) throw new Error(`${page.url()} is not a row's address`);
  return id;
}

/**
 * Ids that name no row, for "not found": a UUID (ids are made from the clock, and this one's
 * time is 1970), and a number, as addresses were before ids were UUIDs, that no row ever had.
 */
export const NO_SUCH_IDS = ['00000000-0000-7000-8000-000000000000', '987654'] as const;

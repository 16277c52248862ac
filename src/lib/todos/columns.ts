// What a to-do's row shows under its title: kept apart from the model's rules and queries, so
// that the first screen (first-screen.ts, in the start's own script) draws rows with them too.
import { formatDate } from '../dates';
import type { TodoRow } from './queries';

/**
 * A calendar day (`YYYY-MM-DD`) for people. Built as local midnight: parsed as UTC it would
 * show the day before anywhere west of Greenwich.
 */
export function formatDay(day: string | undefined): string | undefined {
  if (!day) return undefined;
  const [year, month, date] = day.split('-').map(Number);
  return formatDate(new Date(year!, month! - 1, date));
}

/** The owner and category columns: also the links under a to-do's title in the home screen. */
export const owner = {
  label: 'Owner',
  value: (todo: TodoRow) => todo.owner?.username,
  link: (todo: TodoRow) => todo.owner && `/users/${todo.owner.id}`,
};
export const category = {
  label: 'Category',
  value: (todo: TodoRow) => todo.category?.name,
  link: (todo: TodoRow) => todo.category && `/categories/${todo.category.id}`,
};

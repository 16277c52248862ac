import type { IndexableType } from 'dexie';
import { dataTables, db } from '../db/db';
import type { StoredRow } from '../db/schema';
import { LINKS } from './links';
import { modelAt } from './models';
import { capitalise, counted } from './text';
import { sameValue } from './row-shape';
import type { DeletionRecord } from './undo';

// Loaded when a person presses Undo, not with the first screen: it needs every model's words.

/** Why part of a deletion could not be undone. */
export type UndoProblem =
  /** A removed row stayed out: its id is used by another row now. */
  | { table: string; row: StoredRow; kind: 'id-taken' }
  /** A removed row stayed out: another row holds its unique `field` (`username`) now. */
  | { table: string; row: StoredRow; kind: 'unique-taken'; field: string }
  /** A removed row stayed out, or a changed row kept its new value: the row `field` pointed at is gone. */
  | { table: string; row: StoredRow; kind: 'link-gone'; field: string; change?: boolean }
  /** A changed row kept the value given to `field` since. */
  | { table: string; row: StoredRow; kind: 'changed-since'; field: string }
  /** A changed row was deleted since; `fields` are what the deletion had changed on it. */
  | { table: string; row: StoredRow; kind: 'deleted-since'; fields: string[] };

export interface UndoOutcome {
  /** Rows brought back, and rows with at least one field put back. */
  restored: number;
  problems: UndoProblem[];
}

/**
 * Undoes a recorded deletion as far as it can without overwriting anything newer, in one
 * transaction, so the checks and the writes see the same data:
 * - a removed row comes back with its id, unless that id or one of its unique keys is used
 *   again, or a row it points at is gone (a post whose category could not come back);
 * - on a row it changed, a field gets its old value back only where it still holds what the
 *   deletion wrote: a change made since (in this tab, another one, or by sync) is kept.
 * Parents come back before the rows that point at them.
 */
export async function undoDeletion(record: DeletionRecord): Promise<UndoOutcome> {
  const outcome: UndoOutcome = { restored: 0, problems: [] };
  await db.transaction('rw', dataTables(), async () => {
    const removed = [...record.removed].sort((a, b) => parentRank(a.table) - parentRank(b.table));
    for (const { table, row } of removed) {
      const problem = await whyNotBack(table, row);
      if (problem) outcome.problems.push(problem);
      else {
        await db.table(table).add(row);
        outcome.restored++;
      }
    }
    for (const { table, row, fields } of record.changed) {
      const now = (await db.table(table).get(keyOf(table, row))) as StoredRow | undefined;
      if (!now) {
        outcome.problems.push({ table, row, kind: 'deleted-since', fields: Object.keys(fields) });
        continue;
      }
      let putBack = false;
      for (const [field, { before, after }] of Object.entries(fields)) {
        if (!sameValue(now[field], after)) {
          outcome.problems.push({ table, row: now, kind: 'changed-since', field });
        } else if (!(await linkHolds(table, field, before))) {
          outcome.problems.push({ table, row: now, kind: 'link-gone', field, change: true });
        } else {
          if (before === undefined) delete now[field];
          else now[field] = before;
          putBack = true;
        }
      }
      if (putBack) {
        await db.table(table).put(now);
        outcome.restored++;
      }
    }
  });
  return outcome;
}

/** Why a removed row cannot come back as it was, or undefined when it can. */
async function whyNotBack(tableName: string, row: StoredRow): Promise<UndoProblem | undefined> {
  const table = db.table(tableName);
  if ((await table.get(keyOf(tableName, row))) !== undefined) return { table: tableName, row, kind: 'id-taken' };
  for (const index of table.schema.indexes) {
    if (!index.unique || typeof index.keyPath !== 'string') continue;
    const value = row[index.keyPath];
    if (value !== undefined && (await table.where(index.keyPath).equals(value as IndexableType).count()) > 0) {
      return { table: tableName, row, kind: 'unique-taken', field: index.keyPath };
    }
  }
  for (const link of LINKS) {
    if (link.table === tableName && !(await linkHolds(tableName, link.field, row[link.field]))) {
      return { table: tableName, row, kind: 'link-gone', field: link.field };
    }
  }
  return undefined;
}

/** Whether `value` may go in `field`: it is no link, or it points at a row that exists. */
async function linkHolds(table: string, field: string, value: unknown): Promise<boolean> {
  const link = LINKS.find((candidate) => candidate.table === table && candidate.field === field);
  if (!link || value === undefined) return true;
  return (await db.table(link.target).get(value as IndexableType)) !== undefined;
}

/** Tables that others point at come first. */
function parentRank(table: string): number {
  return LINKS.some((link) => link.target === table) ? 0 : 1;
}

function keyOf(table: string, row: StoredRow): IndexableType {
  return row[db.table(table).schema.primKey.keyPath as string] as IndexableType;
}

/**
 * "Restored category “Python”", or, when part of it could not come back, what and why:
 * "Partly restored category “Python”. Post “Snakes” keeps the category it was given since."
 */
export function undoneMessage(what: string, { restored, problems }: UndoOutcome): string {
  if (problems.length === 0) return `Restored ${what}`;
  const lead = restored > 0 ? `Partly restored ${what}.` : `Could not restore ${what}.`;
  // Rows with the same trouble are told once: "2 posts were deleted since."
  const groups = new Map<string, UndoProblem[]>();
  for (const problem of problems) {
    const key = [problem.table, problem.kind, groupDetail(problem)].join(' ');
    groups.set(key, [...(groups.get(key) ?? []), problem]);
  }
  return [lead, ...[...groups.values()].map(sentence)].join(' ');
}

function groupDetail(problem: UndoProblem): string {
  switch (problem.kind) {
    case 'unique-taken':
      // Each names its own value: "the username “ann” is taken now".
      return `${problem.field} ${String(problem.row.id)}`;
    case 'link-gone':
      return `${problem.field} ${problem.change ? 'change' : 'row'}`;
    case 'changed-since':
      return problem.field;
    case 'deleted-since':
      return problem.fields.join(' ');
    case 'id-taken':
      return '';
  }
}

/** One sentence for problems of one kind, on rows of one table. */
function sentence(group: UndoProblem[]): string {
  const first = group[0]!;
  const model = modelAt(first.table);
  const singular = model?.singular ?? 'row';
  const plural = model?.plural ?? 'rows';
  const one = group.length === 1;
  const subject = capitalise(one && model ? `${singular} “${model.titleOf(first.row)}”` : counted(group.length, { singular, plural }));
  const its = one ? 'its' : 'their';
  const word = (field: string) => model?.fields.find((candidate) => candidate.name === field)?.label.toLowerCase() ?? field;
  switch (first.kind) {
    case 'id-taken':
      return `${subject} could not be restored: ${one ? `another ${singular} has its id` : `other ${plural} have their ids`} now.`;
    case 'unique-taken': {
      const field = first.field.replace(/Key$/, '');
      return `${subject} could not be restored: the ${word(field)} “${String(first.row[field])}” is taken now.`;
    }
    case 'link-gone': {
      if (!first.change) return `${subject} could not be restored: ${its} ${word(first.field)} is gone.`;
      const target = LINKS.find((link) => link.table === first.table && link.field === first.field)?.target ?? '';
      return `${subject} could not get ${its} ${word(first.field)} back: that ${modelAt(target)?.singular ?? 'row'} is gone.`;
    }
    case 'changed-since':
      return `${subject} ${one ? 'keeps' : 'keep'} the ${word(first.field)} ${one ? 'it was' : 'they were'} given since.`;
    case 'deleted-since':
      return `${subject} ${one ? 'was' : 'were'} deleted since.`;
  }
}

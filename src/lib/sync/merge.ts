import type { ClashValue } from '../../db/models';
import { sameValue } from '../row-shape';
import { BOOKKEEPING_FIELDS, generationOf, type RowDoc } from './documents';

// When two devices changed a row apart, CouchDB keeps both revisions and picks the same
// winner everywhere (the longer history, then the higher revision id). Tend then merges the
// losers into the winner field by field, so every device that merges gets the same row:
// - a field changed on one side only takes that side's value;
// - a field changed on both to different values keeps the winner's value and records both
//   as a clash, for a person to choose on the Sync screen;
// - a delete that met a change keeps the row (nothing is lost silently) and says so.
// Only the devices of the person who wrote the winning revision write the merge (the server
// accepts a revision only from its author); the others show the winner until it arrives.
// Which side changed a field is read from `edits` (the generation that last changed it)
// against the generation of the two revisions' common ancestor, so no old body is needed.

/** A leaf revision as PouchDB returns it with `revs: true`. */
export type Leaf = RowDoc & {
  _rev: string;
  _revisions: { start: number; ids: string[] };
  /** On a tombstone: the revision lost a merge, rather than a person deleting the row. */
  merged?: true;
};

export interface Merged {
  /** The winner with the losers merged in, to be saved on top of the winner. */
  doc: RowDoc & { _rev: string };
  /** The other live revisions, to be deleted so the conflict is settled. */
  losers: string[];
  /** A new delete met only revisions that changed nothing (an OK on a card): the delete stands. */
  deleted?: true;
}

/**
 * The merge of a row's leaf revisions, or undefined when there is nothing to settle. The merged
 * revision is written by the winner's author (see settleConflict), and is the same on every
 * device that computes it: PouchDB names a revision by its content, so the same merge made on
 * two devices is one revision, not a new conflict.
 */
export function mergeLeaves(leaves: readonly Leaf[]): Merged | undefined {
  const live = leaves.filter((leaf) => !leaf._deleted).sort(byWinner);
  const winner = live[0];
  if (!winner) return undefined;
  const reported = new Set(winner.deletedRevs ?? []);
  const deletes = leaves.filter((leaf) => leaf._deleted && !leaf.merged && !reported.has(leaf._rev));
  const newDeletes = deletes.map((leaf) => leaf._rev);
  if (live.length === 1 && newDeletes.length === 0) return undefined;
  // Only a change keeps a row a delete met: a revision that changed no field since the two
  // parted (an OK pressed on a card, which only clears it) is no reason to undo the delete.
  if (deletes.length > 0 && !live.some((leaf) => deletes.some((gone) => changedSince(leaf, gone)))) {
    return { doc: { ...withoutHistory(winner), _rev: winner._rev }, losers: live.map((leaf) => leaf._rev), deleted: true };
  }

  const mergedAt = generationOf(winner._rev) + 1;
  const fields = { ...winner.fields };
  const edits = { ...winner.edits };
  const clashes: Record<string, ClashValue[]> = structuredClone(winner.clashes ?? {});
  let schema = winner.schema;
  for (const other of live.slice(1)) {
    schema = Math.max(schema, other.schema);
    const ancestor = commonGeneration(winner._revisions, other._revisions);
    for (const field of new Set([...Object.keys(winner.fields), ...Object.keys(other.fields)])) {
      if (sameValue(fields[field], other.fields[field])) continue;
      const changedHere = (winner.edits[field] ?? 0) > ancestor;
      const changedThere = (other.edits[field] ?? 0) > ancestor;
      if (changedThere && !changedHere) {
        setField(fields, field, other.fields[field]);
        edits[field] = mergedAt;
      } else if (changedThere && BOOKKEEPING_FIELDS.has(field)) {
        if (Number(other.fields[field] ?? 0) > Number(fields[field] ?? 0)) setField(fields, field, other.fields[field]);
        edits[field] = mergedAt;
      } else if (changedThere) {
        // An empty field is null here: a value that JSON keeps.
        const values = withValue(clashes[field] ?? [], { value: fields[field] ?? null, by: winner.by });
        clashes[field] = withValue(values, { value: other.fields[field] ?? null, by: other.by });
        edits[field] = mergedAt;
      }
    }
    for (const [field, values] of Object.entries(other.clashes ?? {})) {
      for (const value of values) clashes[field] = withValue(clashes[field] ?? [], value);
    }
  }

  const doc: RowDoc & { _rev: string } = { ...withoutHistory(winner), schema, fields, edits, _rev: winner._rev };
  if (Object.keys(clashes).length > 0) doc.clashes = clashes;
  else delete doc.clashes;
  if (newDeletes.length > 0) {
    doc.deletedElsewhere = true;
    doc.deletedRevs = [...reported, ...newDeletes].sort();
  }
  return { doc, losers: live.slice(1).map((leaf) => leaf._rev) };
}

/** Whether `leaf` changed a field after its history parted from `other`'s. */
function changedSince(leaf: Leaf, other: Leaf): boolean {
  const parted = commonGeneration(leaf._revisions, other._revisions);
  return Object.values(leaf.edits).some((generation) => generation > parted);
}

function withoutHistory(leaf: Leaf): RowDoc & { _rev: string } {
  const doc: Partial<Leaf> = { ...leaf };
  delete doc._revisions;
  return doc as RowDoc & { _rev: string };
}

/** CouchDB's order of revisions: the longer history first, then the higher revision id. */
function byWinner(a: Leaf, b: Leaf): number {
  return generationOf(b._rev) - generationOf(a._rev) || (a._rev < b._rev ? 1 : a._rev > b._rev ? -1 : 0);
}

/** The generation of the newest revision two histories share (0 when they share none). */
export function commonGeneration(a: Leaf['_revisions'], b: Leaf['_revisions']): number {
  const inA = new Set(a.ids.map((id, i) => `${a.start - i}-${id}`));
  const shared = b.ids.findIndex((id, i) => inA.has(`${b.start - i}-${id}`));
  return shared === -1 ? 0 : b.start - shared;
}

function setField(fields: Record<string, unknown>, field: string, value: unknown) {
  if (value === undefined) delete fields[field];
  else fields[field] = value;
}

function withValue(values: ClashValue[], value: ClashValue): ClashValue[] {
  return values.some((known) => sameValue(known.value, value.value)) ? values : [...values, value];
}

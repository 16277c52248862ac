// The server's own checks: sync/validate-doc-update.js, installed as `_design/tend` in every
// household's database. First the function itself, with the app's own limits (so the two cannot
// drift apart), then the real server process refusing bad writes with the function's reasons,
// through every way a document is written: PUT, POST, _bulk_docs and replication's
// _bulk_docs with new_edits: false, against Apache CouchDB 3.5, the server of production.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { compileValidator, DESIGN_ID, validatorSource, type Validator } from '../../scripts/couchdb.mjs';
import { createHousehold, logIn, startSyncServer, type Credentials, type Household, type SyncServer } from '../../scripts/sync-server.mjs';
import { latestVersion } from '../../src/db/schema';
import { CATEGORY_NAME_MAX } from '../../src/lib/categories/stored';
import { NOTES_MAX as MOVIE_NOTES_MAX, RATING_MAX, TITLE_MAX as MOVIE_TITLE_MAX, YEAR_MAX, YEAR_MIN } from '../../src/lib/movies/stored';
import { BODY_MAX, TITLE_MAX as POST_TITLE_MAX } from '../../src/lib/posts/stored';
import { NOTES_MAX as TODO_NOTES_MAX, TITLE_MAX as TODO_TITLE_MAX } from '../../src/lib/todos/stored';
import { EMAIL_MAX, USERNAME_MAX } from '../../src/lib/users/stored';

type Fields = Record<string, unknown>;
type Doc = Record<string, unknown>;

const T = 1767225600000;
const USER_ID = '0190c3e2-0000-7000-8000-00000000000a';
const CATEGORY_ID = '0190c3e2-0000-7000-8000-00000000000b';

/** A good row of each type, with every optional field. */
const GOOD: Record<string, Fields> = {
  users: { username: 'Ann', email: 'ann@example.org', createdAt: T },
  categories: { name: 'Groceries', createdAt: T },
  todos: {
    title: 'Buy milk',
    done: 1,
    notes: 'Oat',
    dueDate: '2026-12-31',
    userId: USER_ID,
    categoryId: CATEGORY_ID,
    createdAt: T,
    updatedAt: T,
    completedAt: T,
  },
  posts: { title: 'Hello', body: 'First post', pubDate: T, categoryId: CATEGORY_ID, authorId: USER_ID },
  movies: { title: 'Alien', year: 1979, watched: 1, rating: 5, notes: 'Again', createdAt: T },
};

/** The same rows with only their required fields. */
const LEAN: Record<string, Fields> = {
  users: { username: 'Ann', createdAt: T },
  categories: { name: 'Groceries', createdAt: T },
  todos: { title: 'Buy milk', done: 0, createdAt: T, updatedAt: T },
  posts: { title: 'Hello', body: '', pubDate: T, categoryId: CATEGORY_ID },
  movies: { title: 'Alien', watched: 0, createdAt: T },
};

let counter = 0;
/** A fresh row id for each document, so server tests never meet an earlier one's revision. */
const newId = () => `0190c3e2-0000-7000-8000-${String(++counter).padStart(12, '0')}`;

/** A Tend document as a device writes it. */
function tendDoc(type: string, fields: Fields, extra: Doc = {}): Doc {
  const edits = Object.fromEntries(Object.keys(fields).map((name) => [name, 1]));
  return { _id: newId(), type, schema: latestVersion, by: 'ann', fields, edits, ...extra };
}

const ANN = { name: 'ann', roles: ['household:home'] };

describe('the validation function (sync/validate-doc-update.js)', () => {
  const validate: Validator = compileValidator();

  /** The reason the function refuses `doc` with, or undefined when it accepts it. */
  function refusal(doc: Doc, userCtx = ANN): string | undefined {
    return refusalOver(doc, null, userCtx);
  }

  /** The same for `doc` written over `oldDoc`, the revision the server holds. */
  function refusalOver(doc: Doc, oldDoc: Doc | null, userCtx = ANN): string | undefined {
    try {
      validate(doc, oldDoc, userCtx, {});
      return undefined;
    } catch (error) {
      // Anything but {forbidden} would be a broken function: the server answers 500.
      expect(error).toEqual({ forbidden: expect.any(String) });
      return (error as { forbidden: string }).forbidden;
    }
  }

  it('is sent as one ES5 function expression', () => {
    const source = validatorSource();
    expect(source).toMatch(/^function \(newDoc, oldDoc, userCtx, secObj\) \{/);
    expect(source.endsWith('}')).toBe(true);
    // CouchDB's SpiderMonkey may be old: nothing newer than ES5 (the linter checks this too).
    expect(source).not.toMatch(/=>|`|\b(let|const|class)\s/);
  });

  it.each(Object.keys(GOOD))('accepts a good %s document, with and without its optional fields', (type) => {
    expect(refusal(tendDoc(type, GOOD[type]!))).toBeUndefined();
    expect(refusal(tendDoc(type, LEAN[type]!))).toBeUndefined();
  });

  it('accepts clashes, deletedElsewhere and keptForLinks', () => {
    const doc = tendDoc('todos', LEAN.todos!, { clashes: { title: [{ value: 'Buy oat milk', by: 'ben' }] }, deletedElsewhere: true, keptForLinks: true });
    expect(refusal(doc)).toBeUndefined();
  });

  // Each limited field at the app's limit (accepted) and one past it (refused), and each range's
  // both ends: the app's constants decide, so the validator cannot drift from them.
  const limits: [type: string, field: string, atLimit: unknown, pastLimit: unknown, reason: string][] = [
    ['users', 'username', 'a'.repeat(USERNAME_MAX), 'a'.repeat(USERNAME_MAX + 1), `A user needs a username of at most ${USERNAME_MAX} characters.`],
    ['users', 'email', `${'a'.repeat(EMAIL_MAX - 12)}@example.org`, `${'a'.repeat(EMAIL_MAX - 11)}@example.org`, `at most ${EMAIL_MAX} characters`],
    ['categories', 'name', 'a'.repeat(CATEGORY_NAME_MAX), 'a'.repeat(CATEGORY_NAME_MAX + 1), `A category needs a name of at most ${CATEGORY_NAME_MAX} characters.`],
    ['todos', 'title', 'a'.repeat(TODO_TITLE_MAX), 'a'.repeat(TODO_TITLE_MAX + 1), `A to-do needs a title of at most ${TODO_TITLE_MAX} characters.`],
    ['todos', 'notes', 'a'.repeat(TODO_NOTES_MAX), 'a'.repeat(TODO_NOTES_MAX + 1), `at most ${TODO_NOTES_MAX} characters`],
    ['posts', 'title', 'a'.repeat(POST_TITLE_MAX), 'a'.repeat(POST_TITLE_MAX + 1), `A post needs a title of at most ${POST_TITLE_MAX} characters.`],
    ['posts', 'body', 'a'.repeat(BODY_MAX), 'a'.repeat(BODY_MAX + 1), `A post needs a body of at most ${BODY_MAX} characters.`],
    ['movies', 'title', 'a'.repeat(MOVIE_TITLE_MAX), 'a'.repeat(MOVIE_TITLE_MAX + 1), `A movie needs a title of at most ${MOVIE_TITLE_MAX} characters.`],
    ['movies', 'notes', 'a'.repeat(MOVIE_NOTES_MAX), 'a'.repeat(MOVIE_NOTES_MAX + 1), `at most ${MOVIE_NOTES_MAX} characters`],
    ['movies', 'year', YEAR_MAX, YEAR_MAX + 1, `from ${YEAR_MIN} to ${YEAR_MAX}`],
    ['movies', 'year', YEAR_MIN, YEAR_MIN - 1, `from ${YEAR_MIN} to ${YEAR_MAX}`],
    ['movies', 'rating', RATING_MAX, RATING_MAX + 1, `from 1 to ${RATING_MAX}`],
    ['movies', 'rating', 1, 0, `from 1 to ${RATING_MAX}`],
  ];

  it.each(limits)('keeps %s.%s to the app’s limit (%#)', (type, field, atLimit, pastLimit, reason) => {
    expect(refusal(tendDoc(type, { ...GOOD[type], [field]: atLimit }))).toBeUndefined();
    expect(refusal(tendDoc(type, { ...GOOD[type], [field]: pastLimit }))).toContain(reason);
  });

  it('refuses a missing required field, naming what is needed', () => {
    const { title: _title, ...untitled } = LEAN.todos!;
    expect(refusal(tendDoc('todos', untitled))).toBe(`A to-do needs a title of at most ${TODO_TITLE_MAX} characters.`);
    const { categoryId: _category, ...uncategorised } = LEAN.posts!;
    expect(refusal(tendDoc('posts', uncategorised))).toBe("A post needs its category (categoryId, a category's id).");
    const { createdAt: _created, ...undated } = LEAN.users!;
    expect(refusal(tendDoc('users', undated))).toContain('A user needs the time it was created');
  });

  it('refuses a value of the wrong kind, and null for an optional field', () => {
    const wrong: [type: string, field: string, value: unknown][] = [
      ['todos', 'done', true],
      ['todos', 'done', 2],
      ['todos', 'title', 42],
      ['todos', 'title', '   '],
      ['todos', 'notes', null],
      ['todos', 'dueDate', '2026-02-30'],
      ['todos', 'dueDate', '31/12/2026'],
      ['todos', 'userId', 'ann'],
      ['todos', 'createdAt', '2026-01-01'],
      ['users', 'email', 'ann.example.org'],
      ['posts', 'pubDate', null],
      ['movies', 'watched', '1'],
      ['movies', 'year', 1999.5],
      ['movies', 'rating', '5'],
    ];
    for (const [type, field, value] of wrong) {
      expect(refusal(tendDoc(type, { ...GOOD[type], [field]: value })), `${type}.${field} = ${JSON.stringify(value)}`).toBeDefined();
    }
  });

  it('refuses a document written in someone else’s name, or by no one', () => {
    expect(refusal(tendDoc('todos', LEAN.todos!, { by: 'ben' }))).toBe('Documents must be written by the person signed in (by: "ann").');
    const { by: _by, ...anonymous } = tendDoc('todos', LEAN.todos!);
    expect(refusal(anonymous)).toBe('Documents must be written by the person signed in (by: "ann").');
    expect(refusal(tendDoc('todos', LEAN.todos!), { name: null, roles: [] } as never)).toBe('Documents must be written by someone signed in.');
  });

  it('refuses an unknown type, a missing schema, an id that is not a row id, and a document with no fields or edits', () => {
    expect(refusal(tendDoc('notes', LEAN.todos!))).toContain('type must be one of users, categories, todos, posts or movies (not "notes")');
    expect(refusal(tendDoc('todos', LEAN.todos!, { schema: undefined }))).toContain('schema');
    expect(refusal(tendDoc('todos', LEAN.todos!, { schema: 5 }))).toContain('schema');
    expect(refusal(tendDoc('todos', LEAN.todos!, { _id: 'Buy-milk' }))).toContain('a UUID in lower case');
    expect(refusal(tendDoc('todos', LEAN.todos!, { _id: newId().toUpperCase() }))).toContain('a UUID in lower case');
    expect(refusal(tendDoc('todos', LEAN.todos!, { fields: [] }))).toContain('fields: an object');
    expect(refusal(tendDoc('todos', LEAN.todos!, { edits: undefined }))).toContain('edits');
    expect(refusal(tendDoc('todos', LEAN.todos!, { edits: { title: 0 } }))).toContain('edits');
    expect(refusal(tendDoc('todos', LEAN.todos!, { clashes: { title: [{ value: 'x' }] } }))).toContain('clashes');
    expect(refusal(tendDoc('todos', LEAN.todos!, { deletedElsewhere: false }))).toContain('deletedElsewhere');
    expect(refusal(tendDoc('todos', LEAN.todos!, { keptForLinks: 'yes' }))).toContain('keptForLinks');
  });

  it('refuses derived keys and the id inside fields, whatever the schema', () => {
    for (const schema of [latestVersion, latestVersion + 1]) {
      expect(refusal(tendDoc('users', { ...LEAN.users, usernameKey: 'ann' }, { schema }))).toBe(
        'A document\'s fields never hold "usernameKey": each device works it out for itself.',
      );
      expect(refusal(tendDoc('todos', { ...LEAN.todos, titleKey: 'buy milk' }, { schema }))).toContain('"titleKey"');
      expect(refusal(tendDoc('todos', { ...LEAN.todos, id: newId() }, { schema }))).toContain('"id"');
    }
  });

  it('refuses unknown fields up to the app’s newest schema, and accepts them from a newer Tend', () => {
    const withMood = (schema: number) => tendDoc('todos', { ...LEAN.todos, mood: 'happy' }, { schema, ...(schema > latestVersion ? { extra: 1 } : {}) });
    // The app's newest schema is the newest the validator knows: a Tend of today is held to it.
    expect(refusal(withMood(latestVersion))).toBe('A document of type todos has no field "mood".');
    expect(refusal(tendDoc('todos', LEAN.todos!, { schema: latestVersion, extra: 1 }))).toContain('has no "extra"');
    // A newer Tend's fields (and members) pass; the fields this validator knows are still checked.
    expect(refusal(withMood(latestVersion + 1))).toBeUndefined();
    expect(refusal(tendDoc('todos', { ...LEAN.todos, title: '' }, { schema: latestVersion + 1 }))).toContain('needs a title');
  });

  it('lets any member delete a row, with a bare tombstone', () => {
    expect(refusal({ _id: newId(), _rev: '1-abc', _deleted: true })).toBeUndefined();
    expect(refusal({ _id: newId(), _rev: '1-abc', _deleted: true }, { name: 'ben', roles: ['household:home'] })).toBeUndefined();
    // The tombstone of a revision that lost a merge says so.
    expect(refusal({ _id: newId(), _rev: '1-abc', _deleted: true, merged: true })).toBeUndefined();
  });

  it('refuses a deletion that carries anything more, or that is no row’s', () => {
    // A tombstone is stored and sent to every device like any revision: the stored document's
    // fields, or anything else, would travel with it unchecked.
    expect(refusal({ ...tendDoc('todos', LEAN.todos!), _rev: '1-abc', _deleted: true })).toBe('A deletion carries only the row\'s id and revision, not "type".');
    expect(refusal({ _id: newId(), _rev: '1-abc', _deleted: true, note: 'x'.repeat(100_000) })).toContain('not "note"');
    expect(refusal({ _id: newId(), _rev: '1-abc', _deleted: true, merged: 'yes' })).toContain('merged');
    expect(refusal({ _id: 'Buy-milk', _deleted: true })).toContain('a UUID in lower case');
  });

  it('refuses attachments, inline or on a deletion', () => {
    const attachments = { _attachments: { 'page.html': { content_type: 'text/html', data: btoa('<script>alert(1)</script>') } } };
    expect(refusal(tendDoc('todos', LEAN.todos!, attachments))).toBe('Tend documents carry no attachments.');
    expect(refusal({ _id: newId(), _rev: '1-abc', _deleted: true, ...attachments })).toBe('Tend documents carry no attachments.');
  });

  it('bounds schema to what a Tend could have written, and never lets a type change', () => {
    expect(refusal(tendDoc('todos', LEAN.todos!, { schema: latestVersion + 5 }))).toBeUndefined();
    // Beyond that, unknown fields would pass as a newer Tend's.
    expect(refusal(tendDoc('todos', { ...LEAN.todos, mood: 'x' }, { schema: latestVersion + 6 }))).toContain(`from 7 to ${latestVersion + 5}`);
    expect(refusal(tendDoc('todos', LEAN.todos!, { schema: 1e9 }))).toContain('schema');
    const category: Doc = { ...tendDoc('categories', LEAN.categories!), _rev: '1-abc' };
    const asTodo = { ...tendDoc('todos', LEAN.todos!), _id: category._id, _rev: '1-abc' };
    expect(refusalOver(asTodo, category)).toBe("A document's type never changes: this one is categories.");
    expect(refusalOver({ ...category, fields: { ...LEAN.categories, name: 'Garden' } }, category)).toBeUndefined();
    // Over a tombstone (a row deleted, then written again by a device that had not seen it) the
    // type is not known any more.
    expect(refusalOver(asTodo, { _id: category._id, _rev: '2-abc', _deleted: true })).toBeUndefined();
  });

  it('holds edits to the revision written: no field changed after it', () => {
    // A first write is revision 1.
    expect(refusal(tendDoc('todos', LEAN.todos!, { edits: { title: 2 } }))).toContain("from 1 to this revision's 1");
    // An interactive write over revision 3 writes revision 4.
    const stored = { ...tendDoc('todos', LEAN.todos!), _rev: `3-${'a'.repeat(32)}` };
    expect(refusalOver({ ...stored, edits: { title: 4 } }, stored)).toBeUndefined();
    expect(refusalOver({ ...stored, edits: { title: 5 } }, stored)).toContain('"title" has none');
    // A replicated revision 4 over its parent 3 is revision 4.
    const replicated = { ...stored, _rev: `4-${'b'.repeat(32)}`, edits: { title: 4 } };
    expect(refusalOver(replicated, stored)).toBeUndefined();
    expect(refusalOver({ ...replicated, edits: { title: 5 } }, stored)).toContain('"title" has none');
    expect(refusal(tendDoc('todos', LEAN.todos!, { edits: { title: 1, mood: 1 } }))).toContain('"mood", which a todos does not have');
    const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`f${i}`, 1]));
    expect(refusal(tendDoc('todos', LEAN.todos!, { schema: latestVersion + 1, edits: many }))).toContain('at most 50 fields');
  });

  it('holds clashes to the type’s fields, values its rules accept, and a bounded number', () => {
    const clash = (field: string, values: unknown[]) => tendDoc('todos', LEAN.todos!, { clashes: { [field]: values } });
    expect(refusal(clash('notes', [{ value: null, by: 'ann' }, { value: 'Oat', by: 'ben' }]))).toBeUndefined();
    expect(refusal(clash('mood', [{ value: 'x', by: 'ann' }]))).toContain('"mood", which a todos does not have');
    expect(refusal(clash('title', [{ value: 'a'.repeat(TODO_TITLE_MAX + 1), by: 'ben' }]))).toContain('each value one the field accepts');
    // A required field is never empty.
    expect(refusal(clash('title', [{ value: null, by: 'ben' }]))).toContain('clashes on "title"');
    expect(refusal(clash('done', [{ value: 1, by: 'ben', extra: '<b>' }]))).toContain('clashes on "done"');
    expect(refusal(clash('done', [{ value: 1, by: 'b'.repeat(USERNAME_MAX + 1) }]))).toContain('clashes on "done"');
    const values = Array.from({ length: 21 }, (_, i) => ({ value: `Title ${i}`, by: 'ben' }));
    expect(refusal(clash('title', values.slice(0, 20)))).toBeUndefined();
    expect(refusal(clash('title', values))).toContain('1 to 20');
    expect(refusal(clash('title', []))).toContain('1 to 20');
  });

  it('holds the deletions a row remembers to revisions, a bounded number of them', () => {
    const rev = (n: number) => `${n}-${n.toString(16).padStart(32, '0')}`;
    const remembered = (revs: unknown[]) => tendDoc('todos', LEAN.todos!, { deletedElsewhere: true, deletedRevs: revs });
    expect(refusal(remembered(Array.from({ length: 100 }, (_, i) => rev(i + 1))))).toBeUndefined();
    expect(refusal(remembered(Array.from({ length: 101 }, (_, i) => rev(i + 1))))).toContain('at most 100 revisions');
    expect(refusal(remembered(['<img src=x>']))).toContain('deletedRevs');
  });

  it('leaves design documents to admins, and lets admins write anything', () => {
    expect(refusal({ _id: DESIGN_ID, validate_doc_update: 'function () {}' })).toBe('Only a server admin may change design documents.');
    const admin = { name: 'admin', roles: ['_admin'] };
    expect(refusal({ _id: DESIGN_ID, validate_doc_update: 'function () {}' }, admin)).toBeUndefined();
    expect(refusal({ _id: 'anything', text: 'hi' }, admin)).toBeUndefined();
  });
});

describe('the sync server enforcing it', () => {
  const ann: Credentials = { name: 'ann', password: 'ann-secret' };
  const ben: Credentials = { name: 'ben', password: 'ben-secret' };
  let server: SyncServer | undefined;
  let home: Household;
  let annCookie = '';

  beforeAll(async () => {
    server = await startSyncServer();
    home = await createHousehold(server.url, server.admin, { slug: 'home', people: [ann, ben] });
    annCookie = await logIn(server.url, ann);
  }, 120_000);

  afterEach(() => server?.assertRunning());
  afterAll(async () => {
    await server?.stop();
  });

  function send(method: string, path: string, body?: unknown, cookie = annCookie) {
    const headers: Record<string, string> = { Accept: 'application/json', Cookie: cookie };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    return fetch(`${home.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  }

  const bad: [what: string, doc: () => Doc, reason: string][] = [
    ['a missing required field', () => tendDoc('movies', { watched: 0, createdAt: T }), `A movie needs a title of at most ${MOVIE_TITLE_MAX} characters.`],
    ['a value of the wrong kind', () => tendDoc('todos', { ...LEAN.todos, done: true }), 'A to-do needs done as 0 or 1.'],
    ['a title too long', () => tendDoc('posts', { ...LEAN.posts, title: 'a'.repeat(POST_TITLE_MAX + 1) }), `A post needs a title of at most ${POST_TITLE_MAX} characters.`],
    ['someone else’s name', () => tendDoc('categories', LEAN.categories!, { by: 'ben' }), 'Documents must be written by the person signed in (by: "ann").'],
    ['an unknown type', () => tendDoc('notes', LEAN.todos!), 'A document\'s type must be one of users, categories, todos, posts or movies (not "notes").'],
    ['a derived key in fields', () => tendDoc('users', { ...LEAN.users, usernameKey: 'ann' }), 'A document\'s fields never hold "usernameKey": each device works it out for itself.'],
    ['an inline attachment', () => tendDoc('todos', LEAN.todos!, { _attachments: { 'a.html': { content_type: 'text/html', data: btoa('<h1>hi</h1>') } } }), 'Tend documents carry no attachments.'],
    ['a schema no Tend wrote', () => tendDoc('todos', { ...LEAN.todos, mood: 'x' }, { schema: 1e9 }), `A document needs the schema version of the Tend that wrote it (schema: a whole number from 7 to ${latestVersion + 5}).`],
    ['an edit after the revision written', () => tendDoc('todos', LEAN.todos!, { edits: { title: 9 } }), 'A document\'s edits must give each field the revision at which it last changed, a whole number from 1 to this revision\'s 1: "title" has none.'],
    ['a clash on a field the type lacks', () => tendDoc('todos', LEAN.todos!, { clashes: { mood: [{ value: 'x', by: 'ann' }] } }), 'A document\'s clashes name "mood", which a todos does not have.'],
  ];

  /** The document as the server holds it, or the status it answers. */
  async function stored(id: string) {
    const response = await send('GET', `/${id}`);
    return response.ok ? ((await response.json()) as Doc) : response.status;
  }

  it('has _design/tend installed, holding the function', async () => {
    const response = await fetch(`${home.url}/${DESIGN_ID}`, { headers: { Cookie: annCookie } });
    expect(await response.json()).toMatchObject({ validate_doc_update: validatorSource() });
  });

  it.each(Object.keys(GOOD))('accepts a good %s document from a member', async (type) => {
    const doc = tendDoc(type, GOOD[type]!);
    const response = await send('PUT', `/${doc._id}`, doc);
    expect(response.status).toBe(201);
    expect(await stored(doc._id as string)).toMatchObject({ fields: GOOD[type] });
  });

  it.each(bad)('refuses %s written with PUT or POST, saying why', async (_what, make, reason) => {
    const put = make();
    const response = await send('PUT', `/${put._id}`, put);
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ error: 'forbidden', reason });
    const post = make();
    const posted = await send('POST', '', post);
    expect(posted.status).toBe(403);
    expect(await posted.json()).toEqual({ error: 'forbidden', reason });
    expect(await stored(put._id as string)).toBe(404);
    expect(await stored(post._id as string)).toBe(404);
  });

  it.each(bad)('refuses %s in _bulk_docs, keeping the good documents beside it', async (_what, make, reason) => {
    const [refused, good] = [make(), tendDoc('todos', LEAN.todos!)];
    const response = await send('POST', '/_bulk_docs', { docs: [refused, good] });
    // CouchDB answers 201 with one result per document.
    expect(response.status).toBe(201);
    const results = (await response.json()) as Doc[];
    expect(results).toContainEqual({ id: refused._id, error: 'forbidden', reason });
    expect(results).toContainEqual(expect.objectContaining({ id: good._id, ok: true }));
    expect(await stored(refused._id as string)).toBe(404);
  });

  it.each(bad)('refuses %s arriving by replication (_bulk_docs, new_edits: false)', async (_what, make, reason) => {
    // What PouchDB sends when it pushes: revisions made on the device, with their history.
    const rev = '1-0123456789abcdef0123456789abcdef';
    const [refused, good]: Doc[] = [{ ...make(), _rev: rev }, { ...tendDoc('todos', LEAN.todos!), _rev: rev }];
    const response = await send('POST', '/_bulk_docs', { docs: [refused, good], new_edits: false });
    expect(response.status).toBe(201);
    // With new_edits: false only refused documents are listed (CouchDB adds the refused revision).
    expect(await response.json()).toEqual([expect.objectContaining({ id: refused!._id, error: 'forbidden', reason })]);
    expect(await stored(refused!._id as string)).toBe(404);
    expect(await stored(good!._id as string)).toMatchObject({ _rev: rev });
  });

  it('lets a member delete a document another member wrote', async () => {
    const doc = tendDoc('todos', LEAN.todos!);
    const written = await send('PUT', `/${doc._id}`, doc);
    const { rev } = (await written.json()) as { rev: string };
    const benCookie = await logIn(server!.url, ben);
    const deleted = await send('PUT', `/${doc._id}`, { _id: doc._id, _rev: rev, _deleted: true }, benCookie);
    expect(deleted.status).toBe(200);
    expect(await stored(doc._id as string)).toBe(404);
    // DELETE, as PouchDB's remove() sends it over HTTP, too.
    const other = tendDoc('todos', LEAN.todos!);
    const second = (await (await send('PUT', `/${other._id}`, other)).json()) as { rev: string };
    expect((await send('DELETE', `/${other._id}?rev=${second.rev}`, undefined, benCookie)).status).toBe(200);
  });

  it('refuses an attachment written on its own, a deletion carrying more than a tombstone, and a change of type', async () => {
    const doc = tendDoc('categories', LEAN.categories!);
    const { rev } = (await (await send('PUT', `/${doc._id}`, doc)).json()) as { rev: string };
    const attached = await fetch(`${home.url}/${doc._id}/page.html?rev=${rev}`, { method: 'PUT', headers: { Cookie: annCookie, 'Content-Type': 'text/html' }, body: '<script>alert(1)</script>' });
    expect(attached.status).toBe(403);
    expect(await attached.json()).toEqual({ error: 'forbidden', reason: 'Tend documents carry no attachments.' });
    const retyped = await send('PUT', `/${doc._id}`, { ...tendDoc('todos', LEAN.todos!), _id: doc._id, _rev: rev });
    expect(await retyped.json()).toEqual({ error: 'forbidden', reason: "A document's type never changes: this one is categories." });
    const loaded = await send('PUT', `/${doc._id}`, { _id: doc._id, _rev: rev, _deleted: true, fields: { name: '<b>Garden</b>' } });
    expect(loaded.status).toBe(403);
    expect(await loaded.json()).toEqual({ error: 'forbidden', reason: 'A deletion carries only the row\'s id and revision, not "fields".' });
    expect(await stored(doc._id as string)).toMatchObject({ _rev: rev, type: 'categories', fields: LEAN.categories });
    expect((await send('GET', `/${doc._id}/page.html`)).status).toBe(404);
  });

  it('refuses a replicated revision whose edits run past it', async () => {
    const doc: Doc = { ...tendDoc('todos', LEAN.todos!), _rev: `2-${'c'.repeat(32)}`, _revisions: { start: 2, ids: ['c'.repeat(32), 'd'.repeat(32)] }, edits: { title: 3 } };
    const response = await send('POST', '/_bulk_docs', { docs: [doc], new_edits: false });
    expect(await response.json()).toEqual([expect.objectContaining({ id: doc._id, error: 'forbidden', reason: expect.stringContaining("this revision's 2") })]);
    expect(await stored(doc._id as string)).toBe(404);
  });

  it('does not let a member write a design document', async () => {
    const design = { _id: '_design/open', validate_doc_update: 'function () {}' };
    expect((await send('PUT', `/${design._id}`, design)).status).toBe(403);
    // Over the current revision, or CouchDB answers 409 before it checks who writes.
    const current = (await (await send('GET', `/${DESIGN_ID}`)).json()) as { _rev: string };
    expect((await send('PUT', `/${DESIGN_ID}`, { _id: DESIGN_ID, _rev: current._rev })).status).toBe(403);
    const bulk = await send('POST', '/_bulk_docs', { docs: [design] });
    if (bulk.status === 201) expect(await bulk.json()).toEqual([expect.objectContaining({ error: expect.stringMatching(/unauthorized|forbidden/) })]);
    else expect([401, 403]).toContain(bulk.status);
    const check = await fetch(`${home.url}/${DESIGN_ID}`, { headers: { Cookie: annCookie } });
    expect(await check.json()).toMatchObject({ validate_doc_update: validatorSource() });
    expect((await fetch(`${home.url}/_design/open`, { headers: { Cookie: annCookie } })).status).toBe(404);
  });
});

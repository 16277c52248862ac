// Preloaded into the pouchdb-server process (scripts/sync-server.mjs), for tests and trying out
// only. pouchdb-validation 4.2.0, which runs a database's validate_doc_update in pouchdb-server,
// gives every written document the stored document's `_revisions` before validating it. For a
// replicated write (`_bulk_docs` with `new_edits: false`, how every device's changes arrive) that
// replaces the revision history the device sent with the old one, and the new revision is then
// silently not stored: the server answers 201 and keeps the old revision. CouchDB 3 has no such
// step. The fix keeps the history a replicated document brings; other writes are as before.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS preload (node --require) */
const Module = require('node:module');
const { sep } = require('node:path');

const TARGET = `${sep}pouchdb-validation${sep}lib${sep}index.js`;
const FAULTY = 'newDoc._revisions = (oldDoc || {})._revisions;';
const FIXED = 'if (!newDoc._revisions) newDoc._revisions = (oldDoc || {})._revisions;';

/** Node's own step that compiles each CommonJS file: where a file's text can be changed. */
const loader = /** @type {{ _compile(content: string, filename: string): unknown }} */ (/** @type {unknown} */ (Module.prototype));
const compile = loader._compile;
/** @this {unknown} @param {string} content @param {string} filename */
loader._compile = function (content, filename) {
  if (filename.endsWith(TARGET)) {
    if (!content.includes(FAULTY)) throw new Error(`${filename} has changed: the fix for replicated writes no longer applies.`);
    return compile.call(this, content.replace(FAULTY, FIXED), filename);
  }
  return compile.call(this, content, filename);
};

// Tend's validate_doc_update, installed on the sync server as `_design/tend` (scripts/couchdb.mjs
// installs it: `npm run sync:setup`, and the test server). The server runs it for every write to a
// household's database, replication included, and refuses the write when it throws
// {forbidden: reason}; the reason reaches the device in the 403 answer.
//
// This file holds exactly one function expression (in parentheses, so that it is also a valid
// script for the linter). Scripts evaluate the file and send the function's own source text
// (Function.prototype.toString gives it back exactly), so nothing is copied or generated.
//
// ES5 only: CouchDB 3 runs it in SpiderMonkey, which may be an old one (no arrow functions, no
// let/const, no template strings; eslint.config.js refuses them here).
//
// The limits below are the app's (src/lib/<model>/stored.ts). tests/unit/sync-validation.test.ts
// checks each one against the app's constant, at the limit and one past it, so they cannot drift.
(function (newDoc, oldDoc, userCtx, secObj) {
  // The newest schema version this validator knows. A document written by a newer Tend may carry
  // fields this one does not know: they are accepted, so that an older server never refuses a
  // newer device's data. Known fields are still checked.
  var NEWEST_SCHEMA = 8;
  // The lowest schema a synced document can have: sync arrived with schema 7.
  var FIRST_SYNCED_SCHEMA = 7;
  // How far ahead of this validator a device's Tend can be: npm run sync:setup installs each
  // release's validator (docs/deploying.md), so a real device is at most a release or two ahead.
  // A larger number is no Tend's, and would switch the unknown-field checks off.
  var SCHEMA_AHEAD_MAX = 5;
  // Bounds on the sync bookkeeping a device writes (src/lib/sync/merge.ts): fields per document
  // (for a newer Tend's unknown ones too), values kept per clashing field (one per device that
  // disagreed), deletions remembered per row.
  var FIELDS_MAX = 50;
  var CLASH_VALUES_MAX = 20;
  var DELETED_REVS_MAX = 100;
  // A revision as CouchDB and PouchDB write them: a generation, then an MD5 in hex.
  var REV = /^[1-9][0-9]{0,8}-[0-9a-f]{32}$/;

  var USERNAME_MAX = 80;
  var EMAIL_MAX = 120;
  var CATEGORY_NAME_MAX = 50;
  var TODO_TITLE_MAX = 200;
  var TODO_NOTES_MAX = 2000;
  var POST_TITLE_MAX = 80;
  var POST_BODY_MAX = 20000;
  var MOVIE_TITLE_MAX = 200;
  var MOVIE_NOTES_MAX = 2000;
  var YEAR_MIN = 1878;
  var YEAR_MAX = 2100;
  var RATING_MIN = 1;
  var RATING_MAX = 5;
  // The latest moment a JavaScript Date can hold (as src/lib/backup/rows.ts).
  var MAX_MOMENT = 8.64e15;

  // A row's id as Tend writes them (src/db/ids.ts): a UUID in lower case.
  var ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

  function refuse(reason) {
    throw { forbidden: reason };
  }

  function has(object, key) {
    return Object.prototype.hasOwnProperty.call(object, key);
  }

  function isObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  }

  function isWhole(value) {
    return typeof value === 'number' && isFinite(value) && Math.floor(value) === value;
  }

  // The rules for field values. Text lengths count UTF-16 code units, as the app's do.

  function requiredText(max) {
    return function (value) {
      return typeof value === 'string' && value.length <= max && value.trim().length > 0;
    };
  }

  function optionalText(max) {
    return function (value) {
      return typeof value === 'string' && value.length <= max;
    };
  }

  function email(value) {
    return typeof value === 'string' && value.length <= EMAIL_MAX && value.indexOf('@') > 0;
  }

  function moment(value) {
    return typeof value === 'number' && isFinite(value) && Math.abs(value) <= MAX_MOMENT;
  }

  function flag(value) {
    return value === 0 || value === 1;
  }

  function count(object) {
    var n = 0;
    for (var member in object) if (has(object, member)) n++;
    return n;
  }

  // The generation of the revision being written. CouchDB hands the function an interactive write
  // (PUT, POST, _bulk_docs) with the revision it replaces, and a replicated one (new_edits: false)
  // with its own revision over its parent's.
  function generationWritten(doc, old) {
    if (typeof doc._rev !== 'string') return 1;
    var generation = parseInt(doc._rev, 10);
    return old && old._rev === doc._rev ? generation + 1 : generation;
  }

  function rowId(value) {
    return typeof value === 'string' && ID.test(value);
  }

  function wholeFrom(min, max) {
    return function (value) {
      return isWhole(value) && value >= min && value <= max;
    };
  }

  // A calendar day, YYYY-MM-DD, that exists.
  function day(value) {
    if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
    var year = Number(value.slice(0, 4));
    var month = Number(value.slice(5, 7));
    var date = Number(value.slice(8, 10));
    // setUTCFullYear, not Date.UTC, which reads the years 0 to 99 as 1900 to 1999.
    var parsed = new Date(0);
    parsed.setUTCFullYear(year, month - 1, date);
    return parsed.getUTCFullYear() === year && parsed.getUTCMonth() === month - 1 && parsed.getUTCDate() === date;
  }

  // Each field: whether it is required, its rule, and the sentence that refuses it.
  function field(required, rule, reason) {
    return { required: required, rule: rule, reason: reason };
  }

  var TYPES = {
    users: {
      username: field(true, requiredText(USERNAME_MAX), 'A user needs a username of at most ' + USERNAME_MAX + ' characters.'),
      email: field(false, email, "A user's email, when there is one, must be an address with an @ of at most " + EMAIL_MAX + ' characters.'),
      createdAt: field(true, moment, 'A user needs the time it was created (createdAt, milliseconds since 1970).'),
    },
    categories: {
      name: field(true, requiredText(CATEGORY_NAME_MAX), 'A category needs a name of at most ' + CATEGORY_NAME_MAX + ' characters.'),
      createdAt: field(true, moment, 'A category needs the time it was created (createdAt, milliseconds since 1970).'),
    },
    todos: {
      title: field(true, requiredText(TODO_TITLE_MAX), 'A to-do needs a title of at most ' + TODO_TITLE_MAX + ' characters.'),
      done: field(true, flag, 'A to-do needs done as 0 or 1.'),
      notes: field(false, optionalText(TODO_NOTES_MAX), "A to-do's notes must be text of at most " + TODO_NOTES_MAX + ' characters.'),
      dueDate: field(false, day, "A to-do's due date must be a real day written YYYY-MM-DD."),
      userId: field(false, rowId, "A to-do's owner (userId) must be a user's id."),
      categoryId: field(false, rowId, "A to-do's category (categoryId) must be a category's id."),
      createdAt: field(true, moment, 'A to-do needs the time it was created (createdAt, milliseconds since 1970).'),
      updatedAt: field(true, moment, 'A to-do needs the time it was last changed (updatedAt, milliseconds since 1970).'),
      completedAt: field(false, moment, "A to-do's completedAt must be a time in milliseconds since 1970."),
    },
    posts: {
      title: field(true, requiredText(POST_TITLE_MAX), 'A post needs a title of at most ' + POST_TITLE_MAX + ' characters.'),
      body: field(true, optionalText(POST_BODY_MAX), 'A post needs a body of at most ' + POST_BODY_MAX + ' characters.'),
      pubDate: field(true, moment, 'A post needs its publication date (pubDate, milliseconds since 1970).'),
      categoryId: field(true, rowId, "A post needs its category (categoryId, a category's id)."),
      authorId: field(false, rowId, "A post's author (authorId) must be a user's id."),
    },
    movies: {
      title: field(true, requiredText(MOVIE_TITLE_MAX), 'A movie needs a title of at most ' + MOVIE_TITLE_MAX + ' characters.'),
      year: field(false, wholeFrom(YEAR_MIN, YEAR_MAX), "A movie's year must be a whole number from " + YEAR_MIN + ' to ' + YEAR_MAX + '.'),
      watched: field(true, flag, 'A movie needs watched as 0 or 1.'),
      rating: field(false, wholeFrom(RATING_MIN, RATING_MAX), "A movie's rating must be a whole number from " + RATING_MIN + ' to ' + RATING_MAX + '.'),
      notes: field(false, optionalText(MOVIE_NOTES_MAX), "A movie's notes must be text of at most " + MOVIE_NOTES_MAX + ' characters.'),
      createdAt: field(true, moment, 'A movie needs the time it was created (createdAt, milliseconds since 1970).'),
    },
  };
  var TYPE_NAMES = 'users, categories, todos, posts or movies';
  // What a document holds besides CouchDB's own members (those starting with "_").
  var MEMBERS = { type: true, schema: true, by: true, fields: true, edits: true, clashes: true, deletedElsewhere: true, keptForLinks: true, deletedRevs: true };

  var roles = (userCtx && userCtx.roles) || [];
  if (roles.indexOf('_admin') !== -1) return;

  var id = String(newDoc._id);
  if (id.indexOf('_design/') === 0) refuse('Only a server admin may change design documents.');

  // Attachments, inline or written on their own (CouchDB hands both to this function), would be
  // served from the app's own origin: Tend has none.
  if (has(newDoc, '_attachments')) refuse('Tend documents carry no attachments.');

  if (!ID.test(id)) refuse("A document's id must be its row's id: a UUID in lower case.");

  var name = userCtx && userCtx.name;
  var key;

  // Any member may delete a row. A deletion is a bare tombstone ({_id, _rev, _deleted}); one that
  // settled a conflict says so (merged: true, src/lib/sync/receive.ts). Nothing else: a tombstone
  // is never shown, but it would be stored and sent to every device.
  if (newDoc._deleted === true) {
    for (key in newDoc) {
      if (has(newDoc, key) && key.charAt(0) !== '_' && key !== 'merged') {
        refuse('A deletion carries only the row\'s id and revision, not "' + key + '".');
      }
    }
    if (has(newDoc, 'merged') && newDoc.merged !== true) refuse("A deletion's merged, when there, must be true.");
    return;
  }

  if (typeof name !== 'string' || newDoc.by !== name) {
    refuse(typeof name === 'string' ? 'Documents must be written by the person signed in (by: "' + name + '").' : 'Documents must be written by someone signed in.');
  }

  var schema = newDoc.schema;
  if (!isWhole(schema) || schema < FIRST_SYNCED_SCHEMA || schema > NEWEST_SCHEMA + SCHEMA_AHEAD_MAX) {
    refuse(
      'A document needs the schema version of the Tend that wrote it (schema: a whole number from ' +
        FIRST_SYNCED_SCHEMA + ' to ' + (NEWEST_SCHEMA + SCHEMA_AHEAD_MAX) + ').'
    );
  }
  var newer = schema > NEWEST_SCHEMA;

  if (typeof newDoc.type !== 'string' || !has(TYPES, newDoc.type)) {
    refuse('A document\'s type must be one of ' + TYPE_NAMES + ' (not "' + newDoc.type + '").');
  }
  if (oldDoc && !oldDoc._deleted && has(oldDoc, 'type') && oldDoc.type !== newDoc.type) {
    refuse('A document\'s type never changes: this one is ' + oldDoc.type + '.');
  }
  var rules = TYPES[newDoc.type];

  if (!newer) {
    for (key in newDoc) {
      if (has(newDoc, key) && key.charAt(0) !== '_' && !has(MEMBERS, key)) {
        refuse('A document of schema ' + schema + ' has no "' + key + '".');
      }
    }
  }

  var fields = newDoc.fields;
  if (!isObject(fields)) refuse("A document needs its row's fields (fields: an object).");
  if (count(fields) > FIELDS_MAX) refuse('A document holds at most ' + FIELDS_MAX + ' fields.');
  for (key in fields) {
    if (!has(fields, key)) continue;
    if (key === 'id' || /Key$/.test(key)) {
      refuse('A document\'s fields never hold "' + key + '": each device works it out for itself.');
    }
    if (!has(rules, key) && !newer) refuse('A document of type ' + newDoc.type + ' has no field "' + key + '".');
  }
  for (key in rules) {
    if (!has(rules, key)) continue;
    var rule = rules[key];
    if (has(fields, key) ? !rule.rule(fields[key]) : rule.required) refuse(rule.reason);
  }

  // Edits say at which revision each field last changed: never one after the revision written.
  var edits = newDoc.edits;
  var generation = generationWritten(newDoc, oldDoc);
  if (!isObject(edits)) refuse('A document needs its edits: for each field, the revision at which it last changed.');
  if (count(edits) > FIELDS_MAX) refuse('A document\'s edits name at most ' + FIELDS_MAX + ' fields.');
  for (key in edits) {
    if (!has(edits, key)) continue;
    if (!has(rules, key) && !newer) refuse('A document\'s edits name "' + key + '", which a ' + newDoc.type + ' does not have.');
    if (!(isWhole(edits[key]) && edits[key] >= 1 && edits[key] <= generation)) {
      refuse(
        'A document\'s edits must give each field the revision at which it last changed, a whole number from 1 to this revision\'s ' +
          generation + ': "' + key + '" has none.'
      );
    }
  }

  // A clash keeps the values two or more devices gave one field, each with who gave it: a field
  // the type has, each value one the field's rule accepts (null: an optional field left empty).
  if (has(newDoc, 'clashes')) {
    var clashes = newDoc.clashes;
    if (!isObject(clashes)) refuse("A document's clashes must be an object of fields.");
    if (count(clashes) > FIELDS_MAX) refuse('A document\'s clashes name at most ' + FIELDS_MAX + ' fields.');
    for (key in clashes) {
      if (!has(clashes, key)) continue;
      if (!has(rules, key) && !newer) refuse('A document\'s clashes name "' + key + '", which a ' + newDoc.type + ' does not have.');
      var values = clashes[key];
      var good = Array.isArray(values) && values.length >= 1 && values.length <= CLASH_VALUES_MAX;
      for (var i = 0; good && i < values.length; i++) {
        var entry = values[i];
        good = isObject(entry) && count(entry) === 2 && has(entry, 'value') && typeof entry.by === 'string' && entry.by.length <= USERNAME_MAX;
        if (good && has(rules, key)) {
          good = entry.value === null ? !rules[key].required : rules[key].rule(entry.value);
        }
      }
      if (!good) {
        refuse('A document\'s clashes on "' + key + '" must be a list of 1 to ' + CLASH_VALUES_MAX + ' {value, by}, each value one the field accepts.');
      }
    }
  }

  if (has(newDoc, 'deletedElsewhere') && newDoc.deletedElsewhere !== true) {
    refuse("A document's deletedElsewhere, when there, must be true.");
  }

  if (has(newDoc, 'keptForLinks') && newDoc.keptForLinks !== true) {
    refuse("A document's keptForLinks, when there, must be true.");
  }

  if (has(newDoc, 'deletedRevs')) {
    var revs = newDoc.deletedRevs;
    var revsGood = Array.isArray(revs) && revs.length <= DELETED_REVS_MAX;
    for (var r = 0; revsGood && r < revs.length; r++) revsGood = typeof revs[r] === 'string' && REV.test(revs[r]);
    if (!revsGood) refuse("A document's deletedRevs must be a list of at most " + DELETED_REVS_MAX + ' revisions.');
  }
});

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

  // Any member may delete. Tend's deletions are bare tombstones ({_id, _rev, _deleted}), but what
  // else a deletion carries is not checked: pouchdb-server's DELETE hands this function the whole
  // stored document marked deleted, and a tombstone is never shown or read as a row.
  if (newDoc._deleted === true) return;

  if (!ID.test(id)) refuse("A document's id must be its row's id: a UUID in lower case.");

  var name = userCtx && userCtx.name;
  if (typeof name !== 'string' || newDoc.by !== name) {
    refuse(typeof name === 'string' ? 'Documents must be written by the person signed in (by: "' + name + '").' : 'Documents must be written by someone signed in.');
  }

  var key;
  var schema = newDoc.schema;
  if (!isWhole(schema) || schema < FIRST_SYNCED_SCHEMA) {
    refuse('A document needs the schema version of the Tend that wrote it (schema: a whole number of at least ' + FIRST_SYNCED_SCHEMA + ').');
  }
  var newer = schema > NEWEST_SCHEMA;

  if (typeof newDoc.type !== 'string' || !has(TYPES, newDoc.type)) {
    refuse('A document\'s type must be one of ' + TYPE_NAMES + ' (not "' + newDoc.type + '").');
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

  var edits = newDoc.edits;
  if (!isObject(edits)) refuse('A document needs its edits: for each field, the revision at which it last changed.');
  for (key in edits) {
    if (has(edits, key) && !(isWhole(edits[key]) && edits[key] >= 1)) {
      refuse('A document\'s edits must give each field the revision at which it last changed, a whole number of at least 1: "' + key + '" has none.');
    }
  }

  if (has(newDoc, 'clashes')) {
    var clashes = newDoc.clashes;
    if (!isObject(clashes)) refuse("A document's clashes must be an object of fields.");
    for (key in clashes) {
      if (!has(clashes, key)) continue;
      var values = clashes[key];
      var good = Array.isArray(values);
      for (var i = 0; good && i < values.length; i++) {
        good = isObject(values[i]) && has(values[i], 'value') && typeof values[i].by === 'string';
      }
      if (!good) refuse('A document\'s clashes on "' + key + '" must be a list of {value, by}.');
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
    var revsGood = Array.isArray(revs);
    for (var r = 0; revsGood && r < revs.length; r++) revsGood = typeof revs[r] === 'string';
    if (!revsGood) refuse("A document's deletedRevs must be a list of revisions.");
  }
});

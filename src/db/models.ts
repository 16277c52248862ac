// Row types, as stored. Timestamps are milliseconds since the epoch: sortable, indexable
// and identical after a JSON round trip.

export interface User {
  id: number;
  username: string;
  /** The username folded for comparison; a unique index on it keeps "Ann" and "ann" apart. */
  usernameKey: string;
  email?: string;
  /** Present only when email is: rows without it stay out of the unique index. */
  emailKey?: string;
  createdAt: number;
}

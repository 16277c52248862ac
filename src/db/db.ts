import { TendDB } from './schema';

/** The one database instance the app uses. Tests make their own TendDB. */
export const db = new TendDB();

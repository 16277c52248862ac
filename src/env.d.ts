/** The schema version this build stores data in (schema.ts's latest), set at build time by `define` in vite.config.ts. */
declare const __TEND_SCHEMA_VERSION__: number;

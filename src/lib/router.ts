import type { NavigateOptions, RouteMeta } from 'sv-router';
import type { ModelName } from './models';

declare module 'sv-router' {
  interface RouteMeta {
    /** The model a CRUD screen shows. */
    model?: ModelName;
    /** A form's route says whether it makes a new row or edits one. */
    form?: 'create' | 'edit';
  }
}

/** What screens use of the router: where they are, and a way to go elsewhere. */
export interface AppRouter {
  navigate(path: string, options?: NavigateOptions): Promise<unknown>;
  readonly route: { readonly pathname: string; readonly params: Partial<Record<string, string>>; readonly meta: RouteMeta };
}

/**
 * The router, once routes.ts has made it and handed it over. The route table imports the
 * screens, so a screen (or anything in lib) that imported the table would import itself back.
 * Read `router.route` in a component or an effect: it is reactive.
 */
export let router: AppRouter;

export function useRouter(made: AppRouter): void {
  router = made;
}

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
  readonly route: {
    readonly pathname: string;
    readonly params: Partial<Record<string, string>>;
    readonly meta: RouteMeta;
  };
}

let router: AppRouter | undefined;

/**
 * routes.ts hands over its router once made. The route table imports the screens, so a
 * screen (or anything in lib) that imported the table would import itself back.
 */
export function useRouter(made: AppRouter): void {
  router = made;
}

function current(): AppRouter {
  if (!router) throw new Error('The router is not made yet: import routes.ts first');
  return router;
}

/** Goes to an app path such as `/users/3`; the router adds the deploy base. */
export function navigate(path: string, options?: NavigateOptions): Promise<unknown> {
  return current().navigate(path, options);
}

/** The current route, reactively: read it in a component or an effect. */
export const route = {
  get pathname() {
    return current().route.pathname;
  },
  get params() {
    return current().route.params;
  },
  get meta() {
    return current().route.meta;
  },
};

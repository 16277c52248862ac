const BASE = import.meta.env.BASE_URL;

/**
 * The href of an app path such as `/users/3`, under the deploy base: `/tend/users/3` when
 * built with `--base /tend/`. A plain function, so any screen can link without the router.
 */
export function href(path: string): string {
  return BASE + path.replace(/^\//, '');
}

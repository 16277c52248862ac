const BASE = import.meta.env.BASE_URL;

/**
 * The href of an app path such as `/users/3`, under the deploy base: `/tend/users/3` when
 * built with `--base /tend/`. A plain function, so any screen can link without the router.
 */
export function href(path: string): string {
  return BASE + path.replace(/^\//, '');
}

/**
 * The app path of an address: `/tend/users/3` is `/users/3` when built with `--base /tend/`.
 * Paths already without the base stay as they are.
 */
export function appPath(pathname: string): string {
  const root = BASE.slice(0, -1);
  if (!root || (pathname !== root && !pathname.startsWith(BASE))) return pathname;
  return pathname.slice(root.length) || '/';
}

import { createRouter, type RouteComponent, type Routes } from 'sv-router';
import type { ModelName } from './lib/models';
import { useRouter } from './lib/router';
import { currentAddressOf } from './lib/former-addresses';
import { withData } from './lib/data';
import { isTodoListPath } from './lib/todos/early-page';
import TodoList from './views/todos/TodoList.svelte';
import PageLayout from './views/PageLayout.svelte';

const FormView = () => import('./views/crud/FormView.svelte');

/**
 * A model's five screens. Only the home screen is in the first download; the others load on
 * demand (they are precached, so this works offline too). A model may bring its own list screen.
 */
function crudRoutes(model: ModelName, list: RouteComponent = () => import('./views/crud/ListView.svelte')): Routes {
  return {
    '/': list,
    '/new': { '/': FormView, meta: { form: 'create' } },
    '/:id': () => import('./views/crud/DetailView.svelte'),
    '/:id/edit': { '/': FormView, meta: { form: 'edit' } },
    '/:id/delete': () => import('./views/crud/DeleteView.svelte'),
    meta: { model },
    hooks: { beforeLoad: openFormerAddress },
  };
}

// To-dos are the home screen. Screens reach the router through src/lib/router.ts and build
// links with src/lib/href.ts: nothing imports this table but the shell.
const router = createRouter({
  layout: PageLayout,
  hooks: { beforeLoad: afterOpening },
  '/': TodoList,
  '/todos': crudRoutes('todos', TodoList),
  '/users': crudRoutes('users'),
  '/categories': crudRoutes('categories'),
  '/posts': crudRoutes('posts'),
  '/movies': crudRoutes('movies'),
  '/database': () => import('./views/database/DatabasePage.svelte'),
  '/sync': () => import('./views/sync/SyncPage.svelte'),
  '*': () => import('./views/NotFound.svelte'),
});

/**
 * Every screen but the to-do list waits until the database is open (data.ts): the list alone
 * may show before, from the first page read at start (lib/todos/early-page.ts).
 */
async function afterOpening({ pathname }: { pathname: string }) {
  if (!isTodoListPath(pathname)) await withData(async () => {});
}

/** An address from before rows had UUIDs (`users/3`) goes on to the same row's address now. */
async function openFormerAddress({ pathname }: { pathname: string }) {
  const moved = await currentAddressOf(pathname);
  // sv-router's way to redirect from a hook: throw the navigation.
  if (moved) throw router.navigate(moved as RouterPath, { replace: true });
}

// Paths are built from model names at run time, so the router's typed paths are plain strings here.
type RouterPath = Parameters<typeof router.p>[0];
useRouter({
  navigate: (path, options) => router.navigate(path as RouterPath, options),
  route: router.route,
});

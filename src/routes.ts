import { createRouter, type NavigateOptions, type RouteComponent, type Routes } from 'sv-router';
import type { ModelName } from './lib/models';
import TodoList from './views/todos/TodoList.svelte';
import PageLayout from './views/PageLayout.svelte';

declare module 'sv-router' {
  interface RouteMeta {
    model?: ModelName;
  }
}

/**
 * A model's five screens. Only the home screen is in the first download; the others load on
 * demand (they are precached, so this works offline too). A model may bring its own list screen.
 */
function crudRoutes(model: ModelName, list: RouteComponent = () => import('./views/crud/ListView.svelte')): Routes {
  return {
    '/': list,
    '/new': () => import('./views/crud/FormView.svelte'),
    '/:id': () => import('./views/crud/DetailView.svelte'),
    '/:id/edit': () => import('./views/crud/FormView.svelte'),
    '/:id/delete': () => import('./views/crud/DeleteView.svelte'),
    meta: { model },
  };
}

// To-dos are the home screen.
const router = createRouter({
  layout: PageLayout,
  '/': TodoList,
  '/todos': crudRoutes('todos', TodoList),
  '/users': crudRoutes('users'),
  '/categories': crudRoutes('categories'),
  '/posts': crudRoutes('posts'),
  '/movies': crudRoutes('movies'),
  '/database': () => import('./views/database/DatabasePage.svelte'),
  '*': () => import('./views/NotFound.svelte'),
});

// Paths are built from model names at run time, so they are typed as plain strings here;
// sv-router still adds the deploy base (e.g. /tend) to each one.
type RouterPath = Parameters<typeof router.p>[0];

/** The href for an app path such as `/users/3`, under the deploy base. */
export function p(path: string): string {
  return router.p(path as RouterPath);
}

export function navigate(path: string, options?: NavigateOptions) {
  return router.navigate(path as RouterPath, options);
}

export const route = router.route;

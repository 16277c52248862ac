// The navigation's sections, kept apart from the model registry so the first screen does not
// load every model's rules and queries just to draw its links (a unit test keeps the two in step).
export const sections = [
  { path: '/todos', label: 'To-dos' },
  { path: '/users', label: 'Users' },
  { path: '/categories', label: 'Categories' },
  { path: '/posts', label: 'Posts' },
  { path: '/movies', label: 'Movies' },
  { path: '/database', label: 'Database' },
] as const;

/** The section an app path (without the deploy base) belongs to; the home screen is To-dos. */
export function sectionAt(pathname: string): string | undefined {
  if (pathname === '/') return '/todos';
  // Sync has no tab of its own (six fill the bar at 320 px): it is opened from the Database page.
  if (pathname === '/sync') return '/database';
  return sections.find(({ path }) => pathname === path || pathname.startsWith(`${path}/`))?.path;
}

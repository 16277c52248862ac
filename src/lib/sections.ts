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

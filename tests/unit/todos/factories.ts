import { db } from '../../../src/db/db';
import { createTodo } from '../../../src/lib/todos/mutations';
import type { TodoInput } from '../../../src/lib/todos/validate';
import { createUser } from '../../../src/lib/users/mutations';
import { storedCategory } from '../../../src/lib/stored-rows';

/** A valid form input: a titled, undated, active to-do with nothing linked. */
export function todoInput(overrides: Partial<TodoInput> = {}): TodoInput {
  return { title: 'Water the plants', notes: '', dueDate: '', done: false, userId: '', categoryId: '', ...overrides };
}

export function addTodoWith(overrides: Partial<TodoInput> = {}): Promise<string> {
  return createTodo(todoInput(overrides));
}

export function addUser(username: string): Promise<string> {
  return createUser({ username, email: '' });
}

/** Written directly: the categories module is another engineer's, and only the row matters here. */
export function addCategory(name: string): Promise<string> {
  return db.categories.add(storedCategory({ name, createdAt: Date.now() }));
}

export { refusal } from '../support';

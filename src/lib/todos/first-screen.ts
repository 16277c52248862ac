// The to-do list's first screen, drawn in plain DOM by the start's own script the moment its
// first page has been read (early-page.ts), before the app's code has run: on a warm start the
// rows show in about half the time the app takes to evaluate, mount and draw them itself.
//
// It is a picture of the screen the app is about to draw, element for element (an end-to-end
// test compares the two, start.spec.ts). The app's own screen, drawn hidden behind it (app.css),
// replaces it as soon as the list has its rows (handOverFirstScreen), in the same task, so the
// two never show at once. What a person does on the picture meanwhile is not lost: what they
// type is carried to the same field of the app's screen, and their taps are done again there
// once it answers. This is the one place the to-do screen's markup is written twice; every word
// and address in it comes from the same functions the Svelte components use.
import { FileDown, Info, Plus, Search } from 'lucide';
import { iconDrawing, type IconNode } from '../icon-path';
import { href } from '../href';
import { sectionAt, sections } from '../sections';
import type { Page } from '../paging';
import { category, formatDay, owner } from './columns';
import { itemsLeftLabel, todosListing } from './listing';
import type { ItemCounts, TodoRow } from './queries';

const FIRST_SCREEN_ID = 'first-screen';

/** What the first screen shows: the first page, the remembered filter and the kept counts. */
export interface FirstScreen {
  page: Page<TodoRow>;
  filter: string | undefined;
  counts: ItemCounts;
}

type Child = Node | string | false | undefined;

function el(tag: string, attributes: Record<string, string | undefined>, ...children: Child[]): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) if (value !== undefined) element.setAttribute(name, value);
  for (const child of children) if (child !== false && child !== undefined) element.append(child);
  return element;
}

/** Icon.svelte's drawing. */
function icon(node: IconNode, size: number): SVGSVGElement {
  const drawing = iconDrawing(node);
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  const attributes = { class: 'icon', viewBox: '0 0 24 24', fill: 'none', stroke: 'currentColor', 'stroke-width': '2', 'stroke-linecap': 'round', 'stroke-linejoin': 'round', 'aria-hidden': 'true', focusable: 'false', width: String(size), height: String(size) };
  for (const [name, value] of Object.entries(attributes)) svg.setAttribute(name, value);
  const path = (d: string, fill?: string) => {
    const element = document.createElementNS('http://www.w3.org/2000/svg', 'path');
    element.setAttribute('d', d);
    if (fill) element.setAttribute('fill', fill);
    return element;
  };
  svg.append(path(drawing.d));
  if (drawing.filled) svg.append(path(drawing.filled, 'currentColor'));
  return svg;
}

/** AppHeader.svelte, before the install offer (which comes later, from the browser). */
function appHeader(): HTMLElement {
  const current = sectionAt('/');
  const links = sections.map((section) => el('li', {}, el('a', { href: href(section.path), 'aria-current': current === section.path ? 'page' : undefined }, section.label)));
  return el(
    'header',
    { class: 'app-header' },
    el('a', { class: 'brand', href: href('/') }, el('img', { src: `${import.meta.env.BASE_URL}favicon.svg`, alt: '', width: '28', height: '28' }), 'Tend'),
    ' ',
    el('nav', { 'aria-label': 'Sections' }, el('ul', {}, ...links)),
  );
}

/** TodoItem.svelte, in view mode, without its row's own words and addresses (see todoItem). */
function todoItemTemplate(): HTMLElement {
  return el(
    'li',
    { class: 'todo' },
    el('input', { type: 'checkbox' }),
    ' ',
    el('label', { class: 'visually-hidden' }),
    ' ',
    el('span', { class: 'todo-title', role: 'presentation' }),
    ' ',
    el('span', { class: 'todo-meta' }),
    ' ',
    el('span', { class: 'todo-actions' }, el('button', { type: 'button', class: 'small' }, 'Edit'), ' ', el('a', { class: 'icon-link' }, icon(Info, 18))),
  );
}

/** A row: a copy of the template (copying is quicker than making 50 rows element by element), filled in. */
function todoItem(template: HTMLElement, todo: TodoRow): HTMLElement {
  const item = template.cloneNode(true) as HTMLElement;
  const [checkbox, label, title, meta, actions] = item.children as unknown as [HTMLInputElement, HTMLElement, HTMLElement, HTMLElement, HTMLElement];
  if (todo.done === 1) item.classList.add('done');
  checkbox.id = `done-${todo.id}`;
  checkbox.checked = todo.done === 1;
  label.setAttribute('for', `done-${todo.id}`);
  label.textContent = `Done: ${todo.title}`;
  title.textContent = todo.title;
  const due = formatDay(todo.dueDate);
  if (due !== undefined) meta.append(el('span', {}, `Due ${due}`));
  meta.append(' ');
  for (const column of [owner, category]) {
    const link = column.link(todo);
    if (link) meta.append(el('a', { href: href(link) }, column.value(todo) ?? ''));
  }
  const [edit, details] = actions.children as unknown as [HTMLElement, HTMLElement];
  edit.setAttribute('aria-label', `Edit “${todo.title}”`);
  details.setAttribute('href', href(`/todos/${todo.id}`));
  details.setAttribute('aria-label', `Details of “${todo.title}”`);
  return item;
}

/** ListControls.svelte, with the to-do listing's search and filters. */
function listControls(filter: string | undefined): HTMLElement {
  const search = todosListing.search!;
  const option = (label: string, pressed: boolean) => el('button', { type: 'button', 'aria-pressed': String(pressed) }, label);
  return el(
    'div',
    { class: 'list-controls' },
    el('label', { class: 'search' }, icon(Search, 18), ' ', el('span', { class: 'visually-hidden' }, search.label), ' ', el('input', { type: 'search', placeholder: search.label })),
    ' ',
    el('div', { class: 'filters', role: 'group', 'aria-label': 'Show' }, option('All', !filter), ' ', ...(todosListing.filters ?? []).map(({ name, label }) => option(label, filter === name))),
  );
}

/** Pager.svelte. */
function pager(page: Page<TodoRow>): HTMLElement | false {
  if (!page.hasPrevious && !page.hasNext) return false;
  const button = (label: string, disabled: boolean) => el('button', { type: 'button', disabled: disabled ? '' : undefined }, label);
  return el('nav', { class: 'pager', 'aria-label': 'To-do pages' }, button('First', !page.hasPrevious), ' ', button('Previous', !page.hasPrevious), ' ', button('Next', !page.hasNext), ' ', button('Last', !page.hasNext));
}

/** TodoList.svelte (with NewTodo and CsvExport), with rows. */
function todoList({ page, filter, counts }: FirstScreen): HTMLElement {
  const template = todoItemTemplate();
  return el(
    'section',
    { class: 'todos' },
    el('header', { class: 'page-header' }, el('h1', { tabindex: '-1' }, 'To-dos'), ' ', el('a', { class: 'button', href: href('/todos/new') }, icon(Plus, 18), 'New to-do')),
    ' ',
    el('div', { class: 'field new-todo' }, el('label', { for: 'new-todo' }, 'What needs to be done?'), ' ', el('input', { id: 'new-todo', placeholder: 'Type a to-do and press Enter' })),
    ' ',
    el('div', { class: 'todo-bulk' }, el('button', { type: 'button' }, counts.left === 0 ? 'Mark all as active' : 'Mark all as done')),
    ' ',
    listControls(filter),
    ' ',
    el('ul', { class: 'todo-list', 'aria-label': 'To-dos' }, ...page.rows.map((todo) => todoItem(template, todo))),
    ' ',
    pager(page),
    ' ',
    el(
      'footer',
      { class: 'todo-footer' },
      el('p', { role: 'status' }, itemsLeftLabel(counts.left)),
      ' ',
      el('button', { type: 'button', class: 'small' }, icon(FileDown, 16), 'Export CSV'),
      ' ',
      counts.completed > 0 && el('button', { type: 'button' }, 'Clear completed'),
    ),
  );
}

/**
 * Draws the first screen in front of the app's (which stays hidden until it replaces it). Only
 * a page with rows is drawn: an empty list's screen depends on more than the page.
 */
export function drawFirstScreen(screen: FirstScreen): void {
  const app = document.getElementById('app');
  if (!app || screen.page.rows.length === 0) return;
  const first = el(
    'div',
    { id: FIRST_SCREEN_ID },
    el('a', { class: 'skip-link', href: '#main' }, 'Skip to content'),
    ' ',
    appHeader(),
    ' ',
    el('main', { id: 'main', class: 'page' }, todoList(screen)),
    ' ',
    el('div', { class: 'toasts', role: 'status' }),
  );
  followDeeds(first);
  app.before(first);
  // Whatever stops the app from taking over (an error it did not catch) must not leave a
  // screen that takes no input: the app's own shows instead, with what it has to say.
  addEventListener('error', endFirstScreen, { once: true });
  addEventListener('unhandledrejection', endFirstScreen, { once: true });
}

/** Removes the first screen, which shows the app's own, dropping what was done on it (idempotent). */
export function endFirstScreen(): void {
  deeds.length = 0;
  document.getElementById(FIRST_SCREEN_ID)?.remove();
}

/**
 * Where an element of the picture is, so that the same element of the app's screen can be
 * found: from its nearest element with an id (its own, a row's checkbox, or the page's main)
 * down, child by child. The picture's root stands for `#app`.
 */
interface Place {
  id: string | undefined;
  path: number[];
  tag: string;
  text: string;
}

/** A tap (click or double click) or an Enter in a field, in the order the person made them. */
interface Deed {
  place: Place;
  kind: 'click' | 'dblclick' | 'enter';
  /** For an Enter: the field's text when it was pressed. */
  value?: string;
}

const deeds: Deed[] = [];

function placeOf(element: Element, root: Element): Place {
  const path: number[] = [];
  let at = element;
  while (at !== root && !at.id && at.parentElement) {
    path.unshift([...at.parentElement.children].indexOf(at));
    at = at.parentElement;
  }
  return { id: at === root ? undefined : at.id, path, tag: element.localName, text: element.textContent ?? '' };
}

/** The app's element at a place of the picture; undefined when the app's screen differs there. */
function inApp(place: Place, app: Element): HTMLElement | undefined {
  let at: Element | null | undefined = place.id === undefined ? app : app.querySelector(`#${CSS.escape(place.id)}`);
  for (const index of place.path) at = at?.children[index];
  if (!(at instanceof HTMLElement) || at.localName !== place.tag || (at.textContent ?? '') !== place.text) return undefined;
  return at;
}

const TEXT_FIELDS = 'input:not([type="checkbox"])';

/** Notes the taps and Enters made on the picture (its links go nowhere until the app has them). */
function followDeeds(first: HTMLElement): void {
  first.addEventListener('click', (event) => {
    const target = (event.target as Element).closest('a, button, input[type="checkbox"]');
    if (!target || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    // A link would load the page anew: the app's router follows it instead, once it answers.
    if (target.localName === 'a') event.preventDefault();
    deeds.push({ place: placeOf(target, first), kind: 'click' });
  });
  first.addEventListener('dblclick', (event) => deeds.push({ place: placeOf(event.target as Element, first), kind: 'dblclick' }));
  first.addEventListener('keydown', (event) => {
    const field = event.target as Element;
    if (event.key !== 'Enter' || event.isComposing || !field.matches(TEXT_FIELDS)) return;
    deeds.push({ place: placeOf(field, first), kind: 'enter', value: (field as HTMLInputElement).value });
  });
}

/** Sets a field's text as if typed, so that the app's binding hears it. */
function type(field: HTMLInputElement, value: string): void {
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true }));
}

/**
 * The app's own screen replaces the picture (call it once the app's list is drawn): the text in
 * the picture's fields goes to the same fields of the app's screen, focus and selection
 * included, and the taps and Enters made on the picture are done again on the app's, in order,
 * as soon as the app's handlers can run. An element the app draws differently (a row changed
 * meanwhile) is left alone rather than guessed at.
 */
export function handOverFirstScreen(): void {
  const first = document.getElementById(FIRST_SCREEN_ID);
  const app = document.getElementById('app');
  if (!first || !app) return;
  const done = deeds.splice(0);
  const focused = document.activeElement instanceof HTMLInputElement && first.contains(document.activeElement) ? document.activeElement : undefined;
  const typed = [...first.querySelectorAll<HTMLInputElement>(TEXT_FIELDS)].map((field) => ({
    place: placeOf(field, first),
    value: field.value,
    focused: field === focused,
    selection: [field.selectionStart, field.selectionEnd] as const,
  }));
  first.remove();
  // After the effect that called this: the app's handlers may change its state.
  queueMicrotask(() => {
    for (const deed of done) {
      const element = inApp(deed.place, app);
      if (!element) continue;
      if (deed.kind === 'click') element.click();
      else if (deed.kind === 'dblclick') element.dispatchEvent(new MouseEvent('dblclick', { bubbles: true, cancelable: true }));
      else if (element instanceof HTMLInputElement) {
        type(element, deed.value ?? '');
        element.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
      }
    }
    for (const field of typed) {
      const element = inApp(field.place, app);
      if (!(element instanceof HTMLInputElement)) continue;
      // Text already handed over with its Enter is the app's now (a to-do being added).
      const entered = done.filter((deed) => deed.kind === 'enter' && samePlace(deed.place, field.place)).at(-1);
      if (field.value !== (entered?.value ?? '')) type(element, field.value);
      if (field.focused) {
        element.focus();
        element.setSelectionRange(field.selection[0], field.selection[1]);
      }
    }
  });
}

function samePlace(a: Place, b: Place): boolean {
  return a.id === b.id && a.path.join() === b.path.join();
}

/**
 * Settles once the first screen has been painted (at once when none was drawn): the app draws
 * its own list after that, so that its work never holds the first screen back from showing.
 */
export function afterFirstScreenShows(): Promise<void> {
  // A page in a background tab paints nothing, and runs no frame callbacks until it is shown.
  if (!document.getElementById(FIRST_SCREEN_ID) || document.visibilityState === 'hidden') return Promise.resolve();
  // A frame's callbacks run before its paint; a task queued from one runs after it.
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
}

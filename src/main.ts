// First: it sets IndexedDB opening Tend's database, and reading the to-do list's first page,
// while the rest of the code is evaluated (the built page runs it from a script of its own).
import { earlyPageDone } from './lib/todos/early-page';
import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';
import { appErrors } from './lib/app-errors.svelte';
import { pwa } from './lib/pwa.svelte';
import { askForPersistenceOnFirstSave } from './lib/storage';

appErrors.listen();
pwa.start();
askForPersistenceOnFirstSave();

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');
// On the to-do list, once the start's picture of it has been painted (lib/todos/first-screen.ts):
// the app's first render would otherwise come between that picture and its paint.
void earlyPageDone.then(() => mount(App, { target }));

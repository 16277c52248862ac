// First: it sets IndexedDB opening Tend's database while the rest of the code is evaluated.
import './db/early-look';
import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';
import { appErrors } from './lib/app-errors.svelte';
import { prepareDateFormat } from './lib/crud';
import { pwa } from './lib/pwa.svelte';
import { askForPersistenceOnFirstSave } from './lib/storage';

appErrors.listen();
pwa.start();
askForPersistenceOnFirstSave();

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');
const app = mount(App, { target });
// Mounting the app set Dexie opening the database. The date formatter the to-do rows need is
// made in the next task, while the main thread would otherwise wait for IndexedDB.
setTimeout(prepareDateFormat);
export default app;

// First: it sets IndexedDB opening Tend's database while the rest of the code is evaluated.
import './db/early-look';
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
export default mount(App, { target });

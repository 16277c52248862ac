import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';
import { pwa } from './lib/pwa.svelte';

pwa.start();

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');
export default mount(App, { target });

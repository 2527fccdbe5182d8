// Entry point: mounts the app into #app (Svelte 5 `mount`).
import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element to mount Hindsight into.');

export const app = mount(App, { target });

// Mounts the app (Svelte 5 `mount`); loaded by main.ts after the first page's requests are out.
import { mount } from 'svelte';
import App from './App.svelte';

export function start(target: HTMLElement) {
  return mount(App, { target });
}

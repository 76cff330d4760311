// Entry point of pages that embed simulators (a lesson, the simulator page): mounts every one of them, and
// predict mode beside each.
import { mountSimulator } from './simulator.js';
import { mountPredict } from './predict.js';
import { postSteppedThrough } from './api.js';

document.querySelectorAll('.simulator').forEach(mountSimulator);
document.querySelectorAll('.predict').forEach(mountPredict);

// Reaching a catalogue simulation's last step is said once per scenario and page (a STEP assignment counts it);
// if saying it fails, the next time the end is reached says it again.
const told = new Set();
document.addEventListener('hl-stepped-through', ({ detail: { scenario } }) => {
  if (told.has(scenario)) return;
  told.add(scenario);
  postSteppedThrough(scenario).catch(() => told.delete(scenario));
});

// The language switch keeps the step and predict mode of the address (updated before it is followed).
const languageLink = document.querySelector('a.lang-switch[hreflang]');
const keepState = () => {
  const url = new URL(window.location.href);
  url.searchParams.set('lang', languageLink.getAttribute('hreflang'));
  languageLink.setAttribute('href', `${url.pathname}${url.search}`);
};
['pointerenter', 'focus', 'click'].forEach((type) => languageLink?.addEventListener(type, keepState));

// A listener's SYN queue in an endpoint's panel, one place for the simulator and the sandbox: the half-open entries
// after the shown step and, where the page knows it (the sandbox's session), how many fill the queue.
import { h } from './dom.js';

/** The line of the panel; empty (and so not shown) for an endpoint that does not listen. */
export const synQueueLine = () => h('p.hl-synq');

/** Shows `entries` (null: not listening) of `capacity` (null: unknown) half-open entries. */
export function showSynQueue(line, t, entries, capacity = null) {
  const full = entries != null && capacity != null && entries >= capacity;
  Object.assign(line.dataset, { entries: entries ?? '', capacity: capacity ?? '', full });
  if (entries == null) line.textContent = '';
  else if (capacity == null) line.textContent = t('synQueue', { n: entries });
  else line.textContent = t(full ? 'synQueueFull' : 'synQueueOf', { n: entries, capacity });
}

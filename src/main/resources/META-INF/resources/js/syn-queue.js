// A listener's SYN queue in an endpoint's panel, one place for the simulator and the sandbox: the half-open entries
// after the shown step and how many fill the queue (the trace's synQueueCapacity, the sandbox session's).
import { h } from './dom.js';

/** The line of the panel; empty (and so not shown) for an endpoint that does not listen. */
export const synQueueLine = () => h('p.hl-synq');

/** Shows `entries` (null: not listening) of `capacity` half-open entries. */
export function showSynQueue(line, t, entries, capacity) {
  const full = entries != null && entries >= capacity;
  Object.assign(line.dataset, { entries: entries ?? '', capacity: entries == null ? '' : capacity, full });
  if (entries == null) line.textContent = '';
  else line.textContent = t(full ? 'synQueueFull' : 'synQueueOf', { n: entries, capacity });
}

// A scenario's YAML edited as text by the editor's building blocks (authoring.js), so the author's comments and
// layout stay: an action or a fault appended to its list, a tunable set in `params`. Pure functions of the text.
import { REJECT_CODE } from './faults.js';

const WITH_BYTES = ['send', 'read'];

/** "  - {at: 300, host: server, call: read, bytes: 100}"; `more`: a send with MSG_MORE. */
export function actionLine({ at, host, call, bytes, more }) {
  const parts = [`at: ${at}`, `host: ${host}`, `call: ${call}`];
  if (WITH_BYTES.includes(call)) parts.push(`bytes: ${bytes}`);
  if (more && call === 'send') parts.push('more: true');
  return `  - {${parts.join(', ')}}`;
}

/** The end of the block whose key is on line `start`: the first later line not indented deeper than `indent`. */
function blockEnd(lines, start, indent = '') {
  const deeper = new RegExp(`^${indent}\\s+\\S`);
  let end = start + 1;
  while (end < lines.length && deeper.test(lines[end])) end++;
  return end;
}

/** The scenario with `line` appended to its top-level list `key` (actions, faults), which it starts if it has none. */
export function withListItem(yaml, key, line) {
  const lines = yaml.replace(/\n+$/, '').split('\n');
  const empty = lines.findIndex((l) => new RegExp(`^${key}:\\s*\\[\\s*\\]\\s*$`).test(l));
  if (empty >= 0) lines[empty] = `${key}:`; // "faults: []" becomes a block the item goes into
  const start = lines.findIndex((l) => new RegExp(`^${key}:\\s*(#.*)?$`).test(l));
  if (start < 0) return `${lines.join('\n')}\n${key}:\n${line}\n`;
  lines.splice(blockEnd(lines, start), 0, line);
  return `${lines.join('\n')}\n`;
}

export const withAction = (yaml, line) => withListItem(yaml, 'actions', line);

/**
 * "  - {match: {from: server, flags: [ACK], afterMs: 400}, action: drop}": the n-th matching segment (nth), or every
 * one sent from a moment on (afterMs), and before a later one when given (beforeMs); flags empty: any. A delay is
 * 500 ms, as the simulator's menu makes it.
 */
export function faultLine({ from, flags, nth, afterMs, beforeMs, action }) {
  const match = [`from: ${from}`];
  if (flags) match.push(`flags: [${flags}]`);
  match.push(afterMs == null ? `nth: ${nth}` : `afterMs: ${afterMs}`);
  if (beforeMs != null) match.push(`beforeMs: ${beforeMs}`);
  const how = { delay: ', ms: 500', reject: `, code: ${REJECT_CODE}` }[action] ?? '';
  return `  - {match: {${match.join(', ')}}, action: ${action}${how}}`;
}

/** A number typed in a field from `min` to `max` (a whole one unless `fraction`), else null. */
export function numberWithin(text, min, max, fraction = false) {
  const value = String(text).trim();
  const form = fraction ? /^\d+(\.\d+)?$|^\.\d+$/ : /^\d+$/;
  return form.test(value) && +value >= min && +value <= max ? +value : null;
}

/** `{a: {b: value}}` for the keys [a, b], or the value itself for none. */
const nested = (keys, value) => keys.reduceRight((inner, key) => `{${key}: ${inner}}`, String(value));

/** A flow mapping's entries ("a: 1", "client: {b: 2}"), split at its own commas, not those of a nested one. */
function flowEntries(inside) {
  const entries = [];
  let depth = 0;
  let quote = null;
  let start = 0;
  for (let i = 0; i < inside.length; i++) {
    const c = inside[i];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
    else if (c === ',' && depth === 0) {
      entries.push(inside.slice(start, i).trim());
      start = i + 1;
    }
  }
  entries.push(inside.slice(start).trim());
  return entries.filter((e) => e);
}

/** The flow mapping `{…}` with the value at `keys` set: an earlier entry of the key replaced in place, else added last. */
function withFlowEntry(mapping, [key, ...inner], value) {
  const entries = flowEntries(mapping.trim().slice(1, -1));
  const at = entries.findIndex((e) => e.split(':')[0].trim() === key);
  const old = at < 0 ? '' : entries[at].slice(entries[at].indexOf(':') + 1).trim();
  const entry = `${key}: ${inner.length && old.startsWith('{') ? withFlowEntry(old, inner, value) : nested(inner, value)}`;
  if (at < 0) entries.push(entry);
  else entries[at] = entry;
  return `{${entries.join(', ')}}`;
}

/**
 * Sets the value at `keys` in the block mapping of `lines` from `from` to `to` whose keys are indented by `indent`:
 * its key's line replaced (a flow mapping `{…}` or a deeper block edited inside), else a line added at `addAt`.
 */
function setInBlock(lines, from, to, indent, [key, ...inner], value, addAt = to) {
  const keyLine = new RegExp(`^${indent}${key}:(\\s.*)?$`);
  let at = -1;
  for (let i = from; i < to && at < 0; i++) if (keyLine.test(lines[i])) at = i;
  if (at < 0) {
    lines.splice(addAt, 0, `${indent}${key}: ${nested(inner, value)}`);
    return;
  }
  const end = blockEnd(lines, at, indent);
  const [, rest, comment] = lines[at].slice(indent.length + key.length + 1).match(/^\s*(.*?)\s*(#.*)?$/);
  const after = comment ? ` ${comment}` : '';
  if (inner.length && rest === '' && end > at + 1) {
    const child = lines.slice(at + 1, end).find((l) => /^\s+[^\s#]/.test(l));
    setInBlock(lines, at + 1, end, child ? child.match(/^\s+/)[0] : `${indent}  `, inner, value);
  } else if (inner.length && rest.startsWith('{')) {
    // A flow mapping written over several lines becomes one line.
    const mapping = [rest, ...lines.slice(at + 1, end).map((l) => l.trim())].join(' ');
    lines.splice(at, end - at, `${indent}${key}: ${withFlowEntry(mapping, inner, value)}${after}`);
  } else {
    lines.splice(at, end - at, `${indent}${key}: ${nested(inner, value)}${after}`);
  }
}

/**
 * The scenario with `params.<key>: <value>`, or `params.<host>.<key>` for one host's own value (host client or
 * server), replacing the key's earlier value at that level; a scenario without params gets them before its actions.
 */
export function withParam(yaml, key, value, host = null) {
  const lines = yaml.replace(/\n+$/, '').split('\n');
  const actions = lines.findIndex((l) => /^actions:/.test(l));
  setInBlock(lines, 0, lines.length, '', host ? ['params', host, key] : ['params', key], value, actions < 0 ? lines.length : actions);
  return `${lines.join('\n')}\n`;
}

// The teacher's editor: a preview that follows the typing (lessons and quizzes) or a run on request
// (scenarios), Ctrl+S to save, question templates to insert, and a warning before unsaved work is left.
// The preview is a whole document rendered and sanitised by the server, shown in a sandboxed frame in
// which no script can run.

const PREVIEW_DELAY_MS = 500;

const form = document.getElementById('editor-form');
const text = document.getElementById('editor-text');
const frame = document.getElementById('editor-preview');
const status = document.getElementById('editor-status');
// The editor's words, in the page's language, from the message bundle (AuthoringMessages) via the form's data attributes.
const WORDS = form.dataset;

const savedText = text.value;
let submitting = false;
let timer = null;
let latestRequest = 0;

async function refreshPreview({ announce }) {
  const request = ++latestRequest;
  if (announce) status.textContent = WORDS.updating;
  try {
    const response = await fetch('/api/teacher/content/preview', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'text/html' },
      body: JSON.stringify({ kind: text.dataset.kind, id: text.dataset.id, language: text.dataset.language, text: text.value }),
    });
    if (request !== latestRequest) return; // a newer preview is on its way
    if (response.status === 503) throw new Error(WORDS.busy); // the API's detail is English
    if (!response.ok) {
      const problem = await response.json().catch(() => ({}));
      throw new Error(problem.detail || response.statusText);
    }
    frame.srcdoc = await response.text();
    if (announce) status.textContent = WORDS.updated;
  } catch (error) {
    status.textContent = WORDS.failed + error.message;
  }
}

const live = text.dataset.kind !== 'scenario';
if (live) {
  text.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => refreshPreview({ announce: false }), PREVIEW_DELAY_MS);
  });
  if (!frame.hasAttribute('srcdoc')) refreshPreview({ announce: false });
}

// The preview (or run) button asks the server without leaving the page; without JavaScript it submits.
document.getElementById('preview-button').addEventListener('click', (event) => {
  event.preventDefault();
  refreshPreview({ announce: true });
});

form.addEventListener('submit', () => { submitting = true; });

document.addEventListener('keydown', (event) => {
  if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
    event.preventDefault();
    document.getElementById('save-button')?.click(); // absent for a teacher who only reads the item
  }
});

window.addEventListener('beforeunload', (event) => {
  if (!submitting && text.value !== savedText) {
    event.preventDefault();
    event.returnValue = WORDS.unsaved;
  }
});

for (const button of document.querySelectorAll('.insert-snippet')) {
  button.hidden = false;
  button.addEventListener('click', () => {
    const separator = text.value.endsWith('\n') ? '' : '\n';
    text.value += separator + button.dataset.snippet;
    text.dispatchEvent(new Event('input'));
    text.focus();
    text.setSelectionRange(text.value.length, text.value.length);
  });
}

// Scenario building blocks: an action appended to `actions`, or a tunable set in `params` (a host's reads switch,
// params.clientReads / serverReads; TCP_NODELAY, params.noDelay). Plain text edits, so the author's comments and
// layout stay.
const WITH_BYTES = ['send', 'read'];

/** "  - {at: 300, host: server, call: read, bytes: 100}" */
export function actionLine({ at, host, call, bytes }) {
  const parts = [`at: ${at}`, `host: ${host}`, `call: ${call}`];
  if (WITH_BYTES.includes(call)) parts.push(`bytes: ${bytes}`);
  return `  - {${parts.join(', ')}}`;
}

/** The lines of a top-level block: from its key to the next line that is not indented. */
function blockEnd(lines, start) {
  let end = start + 1;
  while (end < lines.length && /^\s+\S/.test(lines[end])) end++;
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
 * one sent from a moment on (afterMs); flags empty: any. A delay is 500 ms, as the simulator's menu makes it.
 */
export function faultLine({ from, flags, nth, afterMs, action }) {
  const match = [`from: ${from}`];
  if (flags) match.push(`flags: [${flags}]`);
  match.push(afterMs == null ? `nth: ${nth}` : `afterMs: ${afterMs}`);
  return `  - {match: {${match.join(', ')}}, action: ${action}${action === 'delay' ? ', ms: 500' : ''}}`;
}

/** A whole number from `min` to `max` typed in a field, else null. */
const wholeNumber = (text, min, max) => {
  const value = String(text).trim();
  return /^\d+$/.test(value) && +value >= min && +value <= max ? +value : null;
};

/** The scenario with `params.<key>: <value>`, replacing the key's earlier value if it had one. */
export function withParam(yaml, key, value) {
  const lines = yaml.replace(/\n+$/, '').split('\n');
  const start = lines.findIndex((l) => /^params:/.test(l));
  if (start < 0) {
    const actions = lines.findIndex((l) => /^actions:/.test(l));
    lines.splice(actions < 0 ? lines.length : actions, 0, `params: {${key}: ${value}}`);
    return `${lines.join('\n')}\n`;
  }
  const flow = lines[start].match(/^params:\s*\{(.*)\}\s*(#.*)?$/);
  if (flow) {
    const entries = flow[1].split(',').map((e) => e.trim()).filter((e) => e && !e.startsWith(`${key}:`));
    lines[start] = `params: {${[...entries, `${key}: ${value}`].join(', ')}}${flow[2] ? ` ${flow[2]}` : ''}`;
  } else {
    const end = blockEnd(lines, start);
    const kept = lines.slice(start + 1, end).filter((l) => !new RegExp(`^\\s+${key}:`).test(l));
    lines.splice(start + 1, end - start - 1, ...kept, `  ${key}: ${value}`);
  }
  return `${lines.join('\n')}\n`;
}

const blocks = document.getElementById('scenario-blocks');
if (blocks) {
  blocks.hidden = false;
  const replaceText = (next) => {
    text.value = next;
    text.dispatchEvent(new Event('input'));
    text.focus();
  };
  const action = document.getElementById('block-action');
  document.getElementById('insert-action').addEventListener('click', () => {
    const field = (name) => action.querySelector(`[name=${name}]`);
    const at = Math.max(0, Math.trunc(Number(field('at').value) || 0));
    const bytes = Math.min(65535, Math.max(1, Math.trunc(Number(field('bytes').value) || 1)));
    replaceText(withAction(text.value, actionLine({ at, host: field('host').value, call: field('call').value, bytes })));
  });
  const reads = document.getElementById('block-reads');
  document.getElementById('set-reads').addEventListener('click', () => {
    replaceText(withParam(text.value, `${reads.querySelector('[name=host]').value}Reads`, reads.querySelector('[name=reads]').value));
  });
  const noDelay = document.getElementById('block-nodelay');
  document.getElementById('set-nodelay').addEventListener('click', () => {
    replaceText(withParam(text.value, 'noDelay', noDelay.querySelector('[name=noDelay]').value));
  });
  // A fault: the n-th matching segment, or every one from a moment on; a bad number is said and its field focused
  // (the server checks the upper bound of afterMs, the scenario's time limit, when the scenario runs).
  const fault = document.getElementById('block-fault');
  const faultField = (name) => fault.querySelector(`[name=${name}]`);
  const faultError = document.getElementById('block-fault-error');
  const refuse = (field, message) => {
    faultError.textContent = message;
    faultError.hidden = false;
    field.setAttribute('aria-invalid', 'true');
    field.focus();
  };
  for (const name of ['nth', 'afterMs']) {
    faultField(name).addEventListener('input', () => {
      fault.querySelector(`[name=which][value=${name === 'nth' ? 'nth' : 'after'}]`).checked = true;
      faultField(name).setAttribute('aria-invalid', 'false');
      faultError.hidden = true;
    });
  }
  document.getElementById('insert-fault').addEventListener('click', () => {
    const after = fault.querySelector('[name=which]:checked').value === 'after';
    const field = faultField(after ? 'afterMs' : 'nth');
    const value = after ? wholeNumber(field.value, 0, Number.MAX_SAFE_INTEGER) : wholeNumber(field.value, 1, 100000);
    if (value == null) return refuse(field, after ? fault.dataset.badAfter : fault.dataset.badNth);
    faultError.hidden = true;
    replaceText(withListItem(text.value, 'faults', faultLine({
      from: faultField('from').value, flags: faultField('flags').value, action: faultField('action').value,
      nth: after ? null : value, afterMs: after ? value : null,
    })));
  });
}

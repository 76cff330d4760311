// The teacher's editor: a preview that follows the typing (lessons and quizzes) or a run on request
// (scenarios), Ctrl+S to save, question templates to insert, and a warning before unsaved work is left.
// The preview is a whole document rendered and sanitised by the server, shown in a sandboxed frame in
// which no script can run.
import { actionLine, faultLine, numberWithin, withAction, withListItem, withParam } from './scenario-text.js';
import { accept, mountTunableSetting, refuse } from './tunable-setting.js';

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

// Scenario building blocks: an action or a fault appended to its list, a host's reads switch (params.clientReads /
// serverReads) or any TCP tunable set in `params`, for both hosts or one (the "TCP setting" block, tunable-setting.js,
// whose tunables the server renders from the engine's record components). Plain text edits (scenario-text.js), so comments and layout stay.
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
    replaceText(withAction(text.value, actionLine({ at, host: field('host').value, call: field('call').value, bytes, more: field('more').checked })));
  });
  const reads = document.getElementById('block-reads');
  document.getElementById('set-reads').addEventListener('click', () => {
    replaceText(withParam(text.value, `${reads.querySelector('[name=host]').value}Reads`, reads.querySelector('[name=reads]').value));
  });
  mountTunableSetting(document.getElementById('block-tunable'), ({ name, value, host }) => replaceText(withParam(text.value, name, value, host)));
  // A fault: the n-th matching segment, or every one from a moment on (until a later one if given); a bad number is
  // said and its field focused (the server checks the upper bound of afterMs and beforeMs, the scenario's time limit,
  // when the scenario runs).
  const fault = document.getElementById('block-fault');
  const faultField = (name) => fault.querySelector(`[name=${name}]`);
  const faultError = document.getElementById('block-fault-error');
  for (const name of ['nth', 'afterMs', 'beforeMs']) {
    faultField(name).addEventListener('input', () => {
      fault.querySelector(`[name=which][value=${name === 'nth' ? 'nth' : 'after'}]`).checked = true;
      accept(faultError, faultField(name));
    });
  }
  document.getElementById('insert-fault').addEventListener('click', () => {
    const after = fault.querySelector('[name=which]:checked').value === 'after';
    const field = faultField(after ? 'afterMs' : 'nth');
    const value = after ? numberWithin(field.value, 0, Number.MAX_SAFE_INTEGER) : numberWithin(field.value, 1, 100000);
    if (value == null) return refuse(faultError, field, after ? fault.dataset.badAfter : fault.dataset.badNth);
    const until = faultField('beforeMs');
    const beforeMs = after && until.value.trim() !== '' ? numberWithin(until.value, value + 1, Number.MAX_SAFE_INTEGER) : null;
    if (after && until.value.trim() !== '' && beforeMs == null) return refuse(faultError, until, fault.dataset.badBefore);
    faultError.hidden = true;
    replaceText(withListItem(text.value, 'faults', faultLine({
      from: faultField('from').value, flags: faultField('flags').value, action: faultField('action').value,
      nth: after ? null : value, afterMs: after ? value : null, beforeMs,
    })));
  });
}

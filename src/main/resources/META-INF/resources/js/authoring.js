// The teacher's editor: a preview that follows the typing (lessons and quizzes) or a run on request
// (scenarios), Ctrl+S to save, question templates to insert, and a warning before unsaved work is left.
// The preview is a whole document rendered and sanitised by the server, shown in a sandboxed frame in
// which no script can run.

const PREVIEW_DELAY_MS = 500;

const form = document.getElementById('editor-form');
const text = document.getElementById('editor-text');
const frame = document.getElementById('editor-preview');
const status = document.getElementById('editor-status');
const lang = document.documentElement.lang.startsWith('zh') ? 'zh' : 'en';
const WORDS = {
  en: { updating: 'Updating the preview…', updated: 'Preview updated.', failed: 'The preview could not be made: ', unsaved: 'You have unsaved changes.',
    busy: 'the server is running too many simulations right now; try again in a moment.' },
  zh: { updating: '正在更新预览……', updated: '预览已更新。', failed: '无法生成预览：', unsaved: '有尚未保存的修改。',
    busy: '服务器当前正在运行的模拟太多，请稍后再试。' },
}[lang];

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

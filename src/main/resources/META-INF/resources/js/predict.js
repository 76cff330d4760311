// Predict mode beside a simulator: before each step where TCP decides something, the learner predicts the
// endpoint's next state and segment; the server checks it against the trace, then the step is shown.
// The panel's words are in the page (rendered from the message bundle); questions and feedback come from
// /api/predictions in the page's language.
import { predictionForm } from './predict-panel.js';

const query = (params) => new URLSearchParams(Object.entries(params).filter(([, v]) => v != null && v !== '')).toString();

async function call(url, init = {}) {
  const res = await fetch(url, { ...init, headers: { Accept: 'application/json', ...init.headers } });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw Object.assign(new Error(body.detail || body.title || `HTTP ${res.status}`), { field: body.errors?.[0]?.field });
  return body;
}

/** What the URL asks of the first simulator of a page: ?mode=predict, ?ask=changes|range, ?from=&to=. */
function fromUrl() {
  const p = new URLSearchParams(window.location.search);
  return { on: p.get('mode') === 'predict', ask: p.get('ask'), from: p.get('from'), to: p.get('to') };
}

function setUrl(on) {
  const url = new URL(window.location.href);
  if (on) url.searchParams.set('mode', 'predict');
  else url.searchParams.delete('mode');
  window.history.replaceState(window.history.state, '', url);
}

/** The first panel's body as the page sent it, the copy every other panel starts from. */
const pristineBody = document.querySelector('.predict .predict-body')?.cloneNode(true);

/** Mounts predict mode on a `.predict` panel next to its simulator section (already mounted). */
export function mountPredict(panel, index) {
  const section = panel.nextElementSibling;
  const sim = section?.hlSimulator;
  if (!sim) return;
  const toggle = panel.querySelector('.predict-toggle');
  // Only the page's first panel is sent with a body; the others copy it before any is used.
  if (!panel.querySelector('.predict-body')) panel.append(pristineBody.cloneNode(true));
  const body = panel.querySelector('.predict-body'); // moved beside the ladder while predicting
  const $ = (sel) => body.querySelector(sel);
  const side = sim.root.querySelector('.hl-side');
  const [form, feedback, done, live, error] = ['.predict-form', '.predict-feedback', '.predict-done', '.predict-live',
    '.predict-error'].map($);
  const askSel = $('.predict-ask');
  const prediction = predictionForm(body);
  const { scenario, lang } = panel.dataset;
  const first = index === 0;
  const url = first ? fromUrl() : { on: false };
  const st = { on: false, question: null, next: null, range: null };
  const hint = $('.predict-hint');
  hint.id = `predict-hint-${index}`;
  $('.predict-seq').setAttribute('aria-describedby', hint.id);
  $('.predict-ack').setAttribute('aria-describedby', hint.id);

  if (url.ask === 'changes') askSel.value = 'changes';
  if (url.ask === 'range') {
    st.range = { from: url.from, to: url.to };
    askSel.value = 'range';
  }
  const asked = () => (askSel.value === 'range' ? { ask: 'range', ...st.range } : { ask: askSel.value });

  const announce = (text) => {
    live.textContent = '';
    window.setTimeout(() => { live.textContent = text; }, 50);
  };
  const fail = (e) => {
    error.textContent = e.message;
    error.hidden = false;
  };
  const show = (part) => {
    for (const el of [form, feedback, done]) el.hidden = el !== part;
  };

  const fetchNext = (after) => call(`/api/predictions/${encodeURIComponent(scenario)}/next?${query({ after, lang, ...asked() })}`);

  function setScore(accuracy) {
    $('.predict-score').textContent = accuracy.text;
  }

  /** Shows the question (or the end), with the simulator stopped just before its step. */
  function ask(next) {
    st.question = next.question;
    setScore(next.accuracy);
    prediction.offerStates(next.states);
    if (!st.question) {
      sim.setLimit(null);
      show(done);
      const text = $('.predict-done-text');
      text.textContent = next.done;
      text.focus();
      announce(text.textContent);
      return;
    }
    const q = st.question;
    sim.setLimit(q.step - 1);
    sim.go(q.step - 1);
    $('.predict-progress').textContent = `(${q.progress})`;
    $('.predict-event').textContent = q.event;
    $('.predict-prompt').textContent = q.prompt;
    prediction.clear(q);
    show(form);
    $('.predict-title').focus();
    announce(`${q.progress}. ${q.event} ${q.prompt}`);
  }

  async function start(after) {
    error.hidden = true;
    try {
      await sim.ready;
      ask(await fetchNext(after));
    } catch (e) {
      fail(e);
    }
  }

  function setOn(on) {
    st.on = on;
    toggle.setAttribute('aria-pressed', on);
    body.hidden = !on;
    // Beside the ladder while predicting (above it on a phone), back in the panel otherwise.
    if (on) side.prepend(body);
    else panel.append(body);
    if (on) section.dataset.mode = 'predict';
    else delete section.dataset.mode;
    if (first) setUrl(on);
    if (on) start(-1);
    else sim.setLimit(null);
  }

  async function check(e) {
    e.preventDefault();
    const answer = prediction.read({ step: st.question.step });
    if (!answer) return;
    error.hidden = true;
    try {
      const result = await call(`/api/predictions/${encodeURIComponent(scenario)}?${query({ lang })}`, {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(answer),
      });
      st.next = await fetchNext(st.question.step);
      reveal(result);
    } catch (err) {
      prediction.refused(err);
    }
  }

  function reveal(result) {
    const told = prediction.showResult(result);
    setScore(result.accuracy);
    sim.setLimit(st.next.question ? st.next.question.step - 1 : null);
    sim.go(result.revealUpTo);
    show(feedback);
    $('.predict-verdict').focus();
    announce(told.join(' '));
  }

  // The simulator's keys (arrows step, Space plays) must not act while the learner types a prediction.
  body.addEventListener('keydown', (e) => e.stopPropagation());
  toggle.hidden = false;
  toggle.onclick = () => setOn(!st.on);
  form.onsubmit = check;
  $('.predict-continue').onclick = () => ask(st.next);
  $('.predict-restart').onclick = () => { sim.setLimit(null); sim.go(0); start(-1); };
  askSel.onchange = () => start(st.question ? st.question.step - 1 : -1);
  if (url.on) setOn(true);
}

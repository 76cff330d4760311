// Predict mode in the sandbox: every move is held back until the learner predicts what it makes an endpoint
// decide (its next state and segment); the server grades the prediction against a replay of the move, the page
// shows why, then makes the move, which adds exactly the steps graded; a move that makes both endpoints decide at
// one moment (a simultaneous open) asks each decision in turn before it is made. The panel's words are in the page (the
// predict message bundle, as beside a simulator); questions and feedback come from /api/sessions/{id} in the
// page's language. Predictions are counted in the page only: a sandbox session is the learner's own experiment.
import { predictionForm } from './predict-panel.js';
import { createSandboxT } from './sandbox-i18n.js';

async function call(url, body) {
  const res = await fetch(url, {
    method: 'POST', headers: { Accept: 'application/json', 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  });
  const answer = await res.json().catch(() => ({}));
  if (!res.ok) throw Object.assign(new Error(answer.detail || answer.title || `HTTP ${res.status}`), { field: answer.errors?.[0]?.field });
  return answer;
}

function setUrl(on) {
  const url = new URL(window.location.href);
  if (on) url.searchParams.set('mode', 'predict');
  else url.searchParams.delete('mode');
  window.history.replaceState(window.history.state, '', url);
}

/** Mounts predict mode on the `.predict` panel just before a `.sandbox` section (already mounted). */
export async function mountSandboxPredict(panel) {
  const section = panel.nextElementSibling;
  const sb = section?.hlSandbox;
  if (!sb) return;
  await sb.ready;
  const { lang } = panel.dataset;
  const t = createSandboxT(lang);
  const toggle = panel.querySelector('.predict-toggle');
  const body = panel.querySelector('.predict-body');
  const $ = (sel) => body.querySelector(sel);
  const [form, feedback, live, error] = ['.predict-form', '.predict-feedback', '.predict-live', '.predict-error'].map($);
  const prediction = predictionForm(body);
  const hint = $('.predict-hint');
  hint.id = 'sandbox-predict-hint';
  $('.predict-seq').setAttribute('aria-describedby', hint.id);
  $('.predict-ack').setAttribute('aria-describedby', hint.id);
  // Which steps ask is a catalogue run's choice; in the sandbox every move that decides something asks.
  $('.predict-ask').closest('label').hidden = true;
  $('.predict-done').remove();
  $('.predict-intro').textContent += `${lang === 'zh' ? '' : ' '}${t('predictHow')}`;
  // counted: the count after each predicted move, {session, moves, right, total, text}, so that undo takes its predictions back.
  const st = { on: false, move: null, question: null, since: 0, decision: 0, decisions: 0, right: 0, total: 0, from: null, counted: [] };

  const announce = (text) => {
    live.textContent = '';
    window.setTimeout(() => { live.textContent = text; }, 50);
  };
  const show = (part) => {
    for (const el of [form, feedback]) el.hidden = el !== part;
  };
  const url = (what) => `/api/sessions/${encodeURIComponent(sb.session.id)}/${what}?lang=${lang}`;
  $('.predict-score').textContent = section.dataset.predictNone;

  /**
   * Asks about a move the learner made (held back by the sandbox), one of its decisions at a time (from 0); a move
   * that decides nothing is made at once.
   */
  async function ask(move, decision = 0) {
    error.hidden = true;
    if (decision === 0) st.from = document.activeElement;
    try {
      const since = sb.session.moveCount;
      const next = await call(url('question'), { move, since, decision });
      if (!next.question) {
        await sb.move(move, { predicted: true });
        announce(t('predictNothing', { move: sb.describe(move) }));
        return;
      }
      Object.assign(st, { move, since, decision, decisions: next.decisions, question: next.question });
      prediction.offerStates(next.states);
      const which = next.decisions > 1 ? `${t('predictDecisionOf', { n: decision + 1, of: next.decisions })}${lang === 'zh' ? '' : ' '}` : '';
      $('.predict-event').textContent = which + next.question.event;
      $('.predict-prompt').textContent = next.question.prompt;
      prediction.clear(next.question);
      show(form);
      $('.predict-title').focus();
      announce(`${which}${next.question.event} ${next.question.prompt}`);
    } catch (e) {
      error.textContent = e.message;
      error.hidden = false;
    }
  }

  async function check(e) {
    e.preventDefault();
    const answer = prediction.read({ move: st.move, since: st.since, decision: st.decision, right: st.right, total: st.total });
    if (!answer) return;
    error.hidden = true;
    let result;
    try {
      result = await call(url('prediction'), answer);
    } catch (err) {
      prediction.refused(err);
      return;
    }
    Object.assign(st, { right: result.accuracy.right, total: result.accuracy.total, question: null });
    // Made once its last decision is graded: then it shows in the ladder, diagram and log exactly what was graded.
    if (!moreDecisions()) {
      await sb.move(st.move, { predicted: true });
      st.counted.push({ session: sb.session.id, moves: sb.session.moveCount, right: st.right, total: st.total, text: result.accuracy.text });
    }
    reveal(result);
  }

  function reveal(result) {
    const told = prediction.showResult(result);
    $('.predict-score').textContent = result.accuracy.text;
    show(feedback);
    $('.predict-verdict').focus();
    announce([...told, result.accuracy.text].join(' '));
  }

  const moreDecisions = () => st.decision + 1 < st.decisions;

  /** The move's next decision, or back where the learner was before the question: the button they pressed, if still there. */
  function resume() {
    if (st.move && moreDecisions()) {
      ask(st.move, st.decision + 1);
      return;
    }
    st.move = null;
    show(null);
    const back = st.from?.isConnected && !st.from.closest('.predict-body') ? st.from : sb.root.querySelector('.sb-advance');
    back.focus();
  }

  async function setOn(on) {
    st.on = on;
    toggle.setAttribute('aria-pressed', on);
    body.hidden = !on;
    setUrl(on);
    show(null);
    if (on && sb.session.mode !== 'step') {
      await sb.restart({}, null, 'step');
      announce(t('predictStep'));
    }
  }

  // A move taken back takes its predictions with it: the count is what it was before that move.
  sb.afterUndo = (moveCount) => {
    st.counted = st.counted.filter((c) => c.session !== sb.session.id || c.moves <= moveCount);
    const last = st.counted.at(-1) ?? { right: 0, total: 0, text: section.dataset.predictNone };
    Object.assign(st, { right: last.right, total: last.total });
    $('.predict-score').textContent = last.text;
  };
  sb.beforeMove = (move) => {
    if (!st.on) return false;
    if (sb.session?.mode !== 'step') { // the learner started again in another mode: nothing is held back in it
      setOn(false);
      sb.noteForNextAnnouncement = t('predictOff'); // said with the move, in the sandbox's live region (the panel's is hidden)
      return false;
    }
    ask(move);
    return true;
  };
  // Beside the controls it asks about; the sandbox's keys (A, U) must not act while the learner types.
  sb.root.querySelector('.sb-info').after(body);
  body.addEventListener('keydown', (e) => e.stopPropagation());
  toggle.hidden = !sb.session?.yours;
  toggle.onclick = () => setOn(!st.on);
  form.onsubmit = check;
  $('.predict-continue').onclick = resume;
  if (sb.session?.yours && new URLSearchParams(window.location.search).get('mode') === 'predict') setOn(true);
}

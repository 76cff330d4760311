// The event list, like Packet Tracer's: the steps in a table, filtered by endpoint, by their segment's flags or
// to state changes; a row's button moves the simulator there.
import { h } from './dom.js';
import { flagText, isStateChange } from './segment-format.js';

const PAGE = 200; // rows drawn at once; "show more" adds as many

/**
 * createEventList({t, uid, epName, describe(step) -> text, timeOf(step) -> text, onPick(index)}) ->
 * {element, setTrace(trace), setStep(index, lastShown)}
 */
export function createEventList({ t, uid, epName, describe, timeOf, onPick }) {
  const st = { trace: null, index: 0, last: -1, shown: PAGE, rows: new Map() };
  const select = (cls, label) => {
    const el = h(`select.${cls}`, { id: `${uid}-${cls}` });
    return [el, h('label.hl-field', { for: el.id }, h('span', { text: label }), el)];
  };
  const [whoSel, whoField] = select('hl-ev-who', t('evEndpoint'));
  const [flagSel, flagField] = select('hl-ev-flags', t('evFlags'));
  const changesBox = h('input.hl-ev-changes', { type: 'checkbox', id: `${uid}-ev-changes` });
  const count = h('output.hl-ev-count', { 'aria-live': 'polite' });
  const body = h('tbody');
  const more = h('button.hl-btn.hl-ev-more', { hidden: true });
  const table = h('table.hl-ev-table', h('caption', { text: t('evCaption') }),
    h('thead', h('tr', ['evStep', 'evTime', 'evEndpoint', 'evWhat', 'evState'].map((k) => h('th', { scope: 'col', text: t(k) })))),
    body);
  const element = h('details.hl-events', h('summary', { text: t('events') }),
    h('div.hl-ev-filters', { role: 'group', 'aria-label': t('evFilters') }, whoField, flagField,
      h('label.hl-field', { for: changesBox.id }, changesBox, h('span', { text: t('evChangesOnly') })), count),
    h('div.hl-ev-scroll', table), more);

  const option = (value, text) => h('option', { value, text });

  function setTrace(trace) {
    st.trace = trace;
    st.flags = new Map(trace.segments.map((sg) => [sg.id, flagText(sg.flags)]));
    const who = [...new Set(trace.steps.map((step) => step.endpoint))];
    const flags = [...new Set(st.flags.values())];
    const keep = (sel, values) => (values.includes(sel.value) ? sel.value : '');
    const [w, f] = [keep(whoSel, who), keep(flagSel, flags)];
    whoSel.replaceChildren(option('', t('evAll')), ...who.map((ep) => option(ep, epName(ep))));
    flagSel.replaceChildren(option('', t('evAny')), ...flags.map((x) => option(x, x)));
    [whoSel.value, flagSel.value] = [w, f];
    st.shown = PAGE;
    draw();
  }

  const matches = (step) => (!whoSel.value || step.endpoint === whoSel.value)
    && (!flagSel.value || st.flags.get(step.segmentId) === flagSel.value)
    && (!changesBox.checked || isStateChange(step));

  /** Drawn only while open, never past what predict mode hides. */
  function draw() {
    if (!st.trace || !element.open) return;
    const all = st.trace.steps.filter((step) => step.index <= st.last && matches(step));
    const rows = all.slice(0, st.shown);
    st.rows = new Map();
    body.replaceChildren(...rows.map((step) => {
      const change = isStateChange(step) ? `${step.stateBefore} → ${step.stateAfter}` : '';
      const who = `${epName(step.endpoint)}${step.peer ? ` (${step.peer})` : ''}`;
      const row = h('tr', { 'data-step-index': step.index },
        h('td', h('button.hl-btn.hl-ev-go', { 'aria-label': t('evGo', { n: step.index + 1 }), 'data-step-index': step.index, text: step.index + 1 })),
        h('td.hl-ev-time', { text: timeOf(step) }), h('td', { text: who }), h('td', { text: describe(step) }),
        h('td.hl-ev-state', { text: change }));
      st.rows.set(step.index, row);
      return row;
    }));
    count.textContent = t('evCount', { n: all.length, total: st.last + 1 });
    more.hidden = all.length <= rows.length;
    more.textContent = t('evMore', { n: Math.min(PAGE, all.length - rows.length) });
    mark();
  }

  function mark() {
    for (const [index, row] of st.rows) {
      if (index === st.index) row.setAttribute('aria-current', 'step');
      else row.removeAttribute('aria-current');
    }
  }

  function setStep(index, last) {
    st.index = index;
    if (last !== st.last) {
      st.last = last;
      draw();
    } else mark();
  }

  for (const control of [whoSel, flagSel, changesBox]) {
    control.onchange = () => {
      st.shown = PAGE;
      draw();
    };
  }
  more.onclick = () => {
    st.shown += PAGE;
    draw();
  };
  element.addEventListener('toggle', draw);
  body.onclick = (e) => {
    const go = e.target.closest('button[data-step-index]');
    if (go) onPick(+go.dataset.stepIndex);
  };
  return { element, setTrace, setStep };
}

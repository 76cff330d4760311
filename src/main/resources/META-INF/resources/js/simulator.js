// The simulator view: mountSimulator(section) builds controls, ladder, state diagram and panels.
import { h } from './dom.js';
import { createT, failureText, pickLang } from './i18n.js';
import { createLadderView, isCompactWidth } from './ladder-view.js';
import { createEventList } from './event-list.js';
import { createStateDiagram, currentBox, fromBox, targetBox } from './state-diagram.js';
import { fetchLadder, fetchTrace, fetchSpec, postTrace } from './api.js';
import { afterMsOf, buildFault, nthOf, specWithFault, withSettings } from './faults.js';
import { faultFlags, flagText, formatAt, formatDuration, isStateChange, segmentLabel, segmentNumbers, teardownSymbols } from './segment-format.js';
import { showSynQueue, synQueueLine } from './syn-queue.js';

/** Inspector fields that carry a short explanation (the word 'about.<field>', SimulatorMessages.about_*). */
const MEANINGS = new Set(['flags', 'seq', 'ack', 'len', 'window', 'ecn']);

const SPEEDS = [0.5, 1, 2, 4];
const STEP_INTERVAL_MS = 1000; // one step per second at 1×
const SCROLL_MARGIN = 60;
const HOSTS = ['client', 'server'];
let instances = 0;

/**
 * The connection a step belongs to: that of its segment (its two sockets), of its child connection (a flood's
 * half-open entry), else the taught one between client and server. {key, ends}: 'client', 'server' or a socket.
 */
function connectionOf(trace, step, segs) {
  const socket = (ep) => (trace.endpoints?.[ep] ? `${trace.endpoints[ep].address}:${trace.endpoints[ep].port}` : ep);
  const sg = segs.get(step.segmentId)?.sg;
  let ends = [socket('client'), socket('server')];
  if (sg) ends = [sg.src ?? sg.from, sg.dst ?? sg.to];
  else if (step.peer != null) ends = [socket(step.endpoint), step.peer];
  const named = ends.map((end) => HOSTS.find((ep) => socket(ep) === end) ?? end);
  return { key: [...ends].sort().join(' '), ends: named };
}

/** Builds a simulator in a `.simulator` section (data-scenario, data-lang, data-profile, optional data-step). */
export function mountSimulator(section) {
  if (section.hlSimulator) return section.hlSimulator;
  const uid = `hl-sim-${++instances}`;
  const lang = pickLang(section.dataset.lang || document.documentElement.lang);
  const t = createT(lang);
  const units = { ms: t('unitMs'), s: t('unitS') };
  const epName = (ep) => t(`ep.${ep}`, null, ep);
  const scenario = section.dataset.scenario;
  const st = {
    trace: null, layout: null, index: 0, numbers: 'absolute', profile: section.dataset.profile || 'rfc9293', speed: 1, playing: false,
    selected: null, custom: null, faults: [], isn: { client: '', server: '' }, request: 0, segs: new Map(),
    limit: Infinity, // the last step that may be shown (predict mode keeps the next decision hidden)
    open: new Set(), compact: false, // bands of spoofed segments shown one by one; the ladder's narrow layout
    changes: [], conn: [], // per trace: the steps where client or server changes state; each step's connection
  };
  const count = () => st.trace?.steps.length || 0;
  const lastShown = () => Math.min(count() - 1, st.limit);
  const isFirst = () => document.querySelector('.simulator') === section;

  // DOM
  const btn = (action, text, label) => h(`button.hl-btn.hl-${action}`, { 'data-action': action, 'aria-label': label }, text);
  const field = (label, control) => h('label.hl-field', { for: control.id }, h('span', { text: label }), control);
  const playBtn = btn('play');
  const nextSegmentBtn = btn('next-segment', t('nextSegmentShort'), t('nextSegmentAny'));
  const navBtns = [btn('first', '|◀', t('first')), btn('prev', `◀ ${t('prevShort')}`, t('prev')), playBtn,
    btn('next', `${t('nextShort')} ▶`, t('next')), btn('last', '▶|', t('last')),
    btn('next-change', t('nextChangeShort'), t('nextChange')), nextSegmentBtn];
  navBtns[5].setAttribute('aria-keyshortcuts', 'Shift+ArrowRight');
  const speedSel = h('select.hl-speed', { id: `${uid}-speed` }, SPEEDS.map((v) => h('option', { value: v, selected: v === 1, text: `${v}×` })));
  const counter = h('output.hl-counter');
  const clock = h('output.hl-clock');
  const controls = h('div.hl-controls', { role: 'group', 'aria-label': t('playback') }, navBtns, field(t('speed'), speedSel), counter, clock);
  const numbersBox = h('input.hl-numbers', { type: 'checkbox', id: `${uid}-numbers` });
  const profileSel = h('select.hl-profile', { id: `${uid}-profile` }, [['rfc9293', 'RFC 9293'], ['linux', 'Linux']].map(([value, text]) => h('option', { value, text })));
  profileSel.value = st.profile;
  const isnInputs = HOSTS.map((ep) => h(`input.hl-isn.hl-isn-${ep}`, { type: 'number', id: `${uid}-isn-${ep}`, min: 0, max: 4294967295, 'data-endpoint': ep }));
  const options = h('div.hl-options', { role: 'group', 'aria-label': t('options') }, h('label.hl-field', numbersBox, t('symbolic')),
    field(t('profile'), profileSel), field(t('clientIsn'), isnInputs[0]), field(t('serverIsn'), isnInputs[1]));
  const noticeText = h('span.hl-notice-text');
  const resetBtn = h('button.hl-btn.hl-reset', { text: t('reset') });
  const notice = h('div.hl-notice', { hidden: true }, noticeText, resetBtn);
  const error = h('p.hl-error', { role: 'alert', hidden: true });
  const ladderWrap = h('div.hl-ladder-wrap', { tabindex: 0, role: 'region', 'aria-label': t('ladderTitle') }); // scrolls on a phone: keys scroll it
  const panels = Object.fromEntries(HOSTS.map((ep) => {
    const p = { state: h('strong.hl-state', { 'data-endpoint': ep }), timers: h('ul.hl-timers', { 'aria-label': t('timers') }), synq: synQueueLine() };
    p.panel = h(`section.hl-panel.hl-endpoint.hl-ep-${ep}`, { 'data-endpoint': ep },
      h('h3', h('span.hl-badge', { 'aria-hidden': 'true', text: t(`badge.${ep}`) }), ` ${epName(ep)}`),
      h('p', t('labelValue', { label: t('state'), value: '' }), p.state), p.timers, p.synq);
    return [ep, p];
  }));
  const [stepSummary, stepRule, stepText] = ['hl-step-summary', 'hl-rule', 'hl-text'].map((c) => h(`p.${c}`));
  const segInfo = h('div.hl-seg-info');
  // Scrolls in its own box on a phone: focusable, so keys can scroll it too.
  const diagramHost = h('figure.hl-diagram', { tabindex: 0, 'aria-label': t('diagramTitle') });
  const live = h('div.hl-live', { 'aria-live': 'polite', 'aria-atomic': 'true' });
  // The segment's popup: which segments the fault takes (this one, the n-th of its kind; or every one of its kind from
  // a moment on, a host gone silent part-way), then what the network does. A dialog, since it holds a form.
  const menuTitle = h('p.hl-menu-title', { id: `${uid}-menu-title` });
  const scopeRadios = ['nth', 'after'].map((scope) => h('input.hl-menu-scope-choice', {
    type: 'radio', name: `${uid}-scope`, id: `${uid}-scope-${scope}`, value: scope, checked: scope === 'nth',
  }));
  const scopeLabels = scopeRadios.map((radio) => h('span'));
  const afterField = h('input.hl-menu-after', {
    type: 'number', id: `${uid}-after`, min: 0, step: 1, inputmode: 'numeric', 'aria-describedby': `${uid}-after-hint ${uid}-after-error`,
  });
  const afterHint = h('p.hl-menu-hint', { id: `${uid}-after-hint` });
  const afterError = h('p.hl-menu-error', { id: `${uid}-after-error`, role: 'alert', hidden: true });
  const scopeBox = h('fieldset.hl-menu-scope', h('legend', { text: t('faultWhich') }),
    scopeRadios.map((radio, k) => h('label.hl-menu-choice', { for: radio.id }, radio, scopeLabels[k])),
    h('label.hl-menu-field', { for: afterField.id }, h('span', { text: t('faultAfterField') }), afterField), afterHint, afterError);
  const menuItems = ['drop', 'delay', 'duplicate', 'reject', 'mark-ce', 'cancel'].map((a) => h(`button.hl-menu-item.hl-menu-${a}`, { 'data-fault': a, text: t(a) }));
  const faultItems = menuItems.filter((b) => b.dataset.fault !== 'cancel');
  const cancelItem = menuItems.at(-1);
  const menu = h('div.hl-menu', { role: 'dialog', 'aria-labelledby': menuTitle.id, hidden: true }, menuTitle, scopeBox, menuItems);
  const events = createEventList({
    t, uid, epName, describe: (step) => summaryOf(step), timeOf: (step) => formatAt(step.at, units), onPick: (i) => go(i),
  });
  const root = h('div.hl-sim', { tabindex: -1, lang: lang === 'zh' ? 'zh-CN' : 'en' }, controls, options, notice, error,
    h('div.hl-body', ladderWrap, h('div.hl-side', h('div.hl-endpoints', panels.client.panel, panels.server.panel),
      h('section.hl-panel.hl-inspector', { 'aria-label': t('inspector') },
        h('h3', { text: t('thisStep') }), stepSummary, stepRule, stepText, h('h3', { text: t('inspector') }), segInfo),
      diagramHost)),
    events.element, live, menu);
  section.append(root);
  const ladder = createLadderView(ladderWrap, { t, onActivate: openMenu, onBand: toggleBand });
  const diagram = createStateDiagram(diagramHost, { t });

  // Data
  const settings = () => {
    const isn = (ep) => (st.isn[ep] !== '' && Number.isFinite(+st.isn[ep]) ? +st.isn[ep] : st.trace?.endpoints[ep]?.isn);
    return { profile: st.profile, clientIsn: isn('client'), serverIsn: isn('server') };
  };

  // task() answers {trace, layout}: a new trace with its ladder, or (no trace) another ladder of the same one. An
  // answer to an earlier request than the last is dropped, so the last thing asked for is what is shown.
  async function run(task, then) {
    const id = ++st.request;
    root.setAttribute('aria-busy', 'true');
    try {
      const { trace, layout } = await task();
      if (id !== st.request) return;
      error.hidden = true;
      if (trace) setTrace(trace);
      st.layout = layout;
      drawLadder();
      then?.();
    } catch (e) {
      if (id !== st.request) return;
      error.textContent = t('loadFailed', { detail: failureText(t, e) });
      error.hidden = false;
    }
    root.removeAttribute('aria-busy');
  }

  // A changed scenario (a fault) runs through the API. A trace handed over by the page (an uploaded capture) is
  // shown as it is while its profile is the chosen one and its ladder laid out as asked ({trace, layout, compact}); else the page replays it
  // (section.hlReplay). Otherwise the trace comes from the API. Each comes with its ladder, laid out by the server.
  const fromCatalogue = () => !st.custom && !section.hlPreloaded && !section.hlReplay;
  const isCompact = () => isCompactWidth(ladderWrap.clientWidth);
  /** {trace, layout} under the reader's options; a catalogue trace's ladder alone when only the layout changed. */
  function traceAndLadder(layoutOnly) {
    st.compact = isCompact();
    const ladder = { compact: st.compact, open: st.open };
    const preloaded = section.hlPreloaded;
    if (st.custom) return postTrace(withSettings(structuredClone(st.custom), settings()), lang, ladder);
    if (preloaded?.trace.profile === st.profile && preloaded.compact === st.compact && !st.open.size) return Promise.resolve(preloaded);
    if (section.hlReplay) return section.hlReplay(st.profile, ladder);
    const run = { profile: st.profile, clientIsn: st.isn.client, serverIsn: st.isn.server };
    const layout = fetchLadder(scenario, { ...run, ...ladder });
    if (layoutOnly) return layout.then((lay) => ({ layout: lay }));
    return Promise.all([fetchTrace(scenario, { lang, ...run }), layout]).then(([trace, lay]) => ({ trace, layout: lay }));
  }
  /** A new trace, every band folded. */
  const load = () => run(() => {
    st.open = new Set();
    return traceAndLadder(false);
  });

  function setTrace(trace) {
    st.trace = trace;
    st.changes = trace.steps.filter(isStateChange).map((step) => step.index);
    st.segs = new Map(trace.segments.map((sg, i) => [sg.id, { sg, i }]));
    st.conn = trace.steps.map((step) => connectionOf(trace, step, st.segs));
    st.symbols = teardownSymbols(trace);
    profileSel.value = st.profile = trace.profile || st.profile;
    for (const input of isnInputs) {
      const ep = trace.endpoints?.[input.dataset.endpoint];
      if (ep && document.activeElement !== input) input.value = ep.isn;
    }
    st.selected = null;
    st.index = Math.max(0, Math.min(st.index, lastShown()));
    events.setTrace(trace);
  }

  function drawLadder() {
    ladder.render(st.layout, st.numbers);
    showStep(false);
  }
  /** The same trace laid out again (a band opened or folded, the box crossing COMPACT_BELOW): its ladder only is taken. */
  const relayout = (then) => run(() => traceAndLadder(true).then(({ layout }) => ({ layout })), then);
  new ResizeObserver(() => {
    if (st.trace && st.compact !== isCompact()) relayout();
  }).observe(ladderWrap);

  /** A band of spoofed segments unfolds into its arrows, or folds again; the focus stays on it. */
  function toggleBand(id) {
    if (!st.open.delete(id)) st.open.add(id);
    relayout(() => ladderWrap.querySelector(`[data-band="${id}"]`)?.focus({ preventScroll: true }));
  }

  // Jumps: to a state change of client or server, to the next segment of the current step's connection.
  const nextChange = (i) => st.changes.find((k) => k > i && k <= lastShown());
  const prevChange = (i) => st.changes.findLast((k) => k < i);
  function nextSegment(i) {
    const { steps } = st.trace;
    for (let k = i + 1; k <= lastShown(); k++) {
      if (steps[k].kind === 'send' && st.conn[k].key === st.conn[i].key && steps[k].segmentId !== steps[i].segmentId) return k;
    }
    return undefined;
  }

  // Step display
  function summaryOf(step) {
    const seg = st.segs.get(step.segmentId)?.sg;
    const the = t('the', { ep: epName(step.endpoint).toLowerCase() });
    const detail = step.detail || '';
    const timer = detail.split(' ')[0];
    return t(`sum.${step.kind}`, {
      The: the[0].toUpperCase() + the.slice(1), the, detail,
      flags: seg ? flagText(seg.flags) : detail, timer: t(`timer.${timer}`, null, timer),
    }, detail || step.kind);
  }

  function go(index) {
    const next = Math.max(0, Math.min(lastShown(), index));
    if (!count() || next === st.index) return;
    st.index = next;
    st.selected = null;
    showStep(true);
  }

  function showStep(announce) {
    const { steps } = st.trace;
    const n = steps.length;
    const i = st.index;
    const step = steps[i];
    const atText = formatAt(step.at, units);
    const { stateBefore: from, stateAfter: to, endpoint } = step;
    const taken = isStateChange(step);
    section.dataset.stepIndex = i;
    counter.textContent = t('counter', { n: i + 1, total: n });
    Object.assign(counter.dataset, { step: i + 1, total: n });
    clock.textContent = t('stepTime', { time: atText });
    const disabled = {
      first: i === 0, prev: i === 0, next: i >= lastShown(), last: i >= lastShown(),
      'next-change': nextChange(i) == null, 'next-segment': nextSegment(i) == null,
    };
    for (const b of navBtns) if (b !== playBtn) b.setAttribute('aria-disabled', disabled[b.dataset.action]);
    const [a, b] = st.conn[i].ends.map((end) => (HOSTS.includes(end) ? epName(end) : end));
    nextSegmentBtn.title = t('nextSegment', { a, b });
    nextSegmentBtn.setAttribute('aria-label', nextSegmentBtn.title);
    ladder.setStep(i, { currentSegmentId: step.segmentId, selectedId: st.selected, atText });
    events.setStep(i, lastShown());
    const current = {};
    for (const ep of HOSTS) {
      const state = step.states?.[ep] ?? '—';
      const p = panels[ep];
      const timers = (step.timers || []).filter((tm) => tm.endpoint === ep);
      p.state.textContent = p.panel.dataset.state = state;
      p.timers.replaceChildren(...timers.map((tm) => h('li', {
        'data-kind': tm.kind, text: t('timerLeft', { kind: t(`timer.${tm.kind}`, null, tm.kind), time: formatDuration(tm.expiresAt - step.at, units) }),
      })), timers.length ? '' : h('li.hl-none', { text: t('noTimers') }));
      showSynQueue(p.synq, t, step.synQueue?.[ep], st.trace.synQueueCapacity?.[ep]);
      current[ep] = { state, box: currentBox(steps, i, ep, state) };
    }
    diagram.update(current, taken && { endpoint, from: fromBox(steps, i), to: targetBox(from, to), rule: step.rule });
    const summary = summaryOf(step);
    stepSummary.textContent = `${atText} · ${summary}`;
    // "network" is the engine's word for a step no RFC rule decided (a loss): said in the page's language.
    const rule = step.rule === 'network' ? t('ep.network') : step.rule;
    stepRule.textContent = rule ? t('labelValue', { label: t('rule'), value: rule }) : '';
    stepText.textContent = step.text || '';
    showInspector();
    // The learner stepped the catalogue's simulation to its end: the page may tell the server (STEP assignments).
    if (announce && i === n - 1 && fromCatalogue()) {
      section.dispatchEvent(new CustomEvent('hl-stepped-through', { bubbles: true, detail: { scenario } }));
    }
    if (announce) {
      const change = taken ? ` ${t('stateChange', { ep: epName(endpoint), from, to })}` : '';
      live.textContent = `${t('announce', { n: i + 1, total: n, time: atText, summary })}${change} ${step.text || ''}`.trim();
      if (isFirst()) {
        const url = new URL(window.location.href);
        url.searchParams.set('step', i + 1);
        window.history.replaceState(window.history.state, '', url);
      }
    }
    const y = ladder.stepOffset(i);
    const { scrollTop: top, clientHeight: hgt } = ladderWrap;
    if (y < top + SCROLL_MARGIN || y > top + hgt - SCROLL_MARGIN) {
      const smooth = announce && !window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
      ladderWrap.scrollTo({ top: Math.max(0, y - hgt / 2), behavior: smooth ? 'smooth' : 'auto' });
    }
  }

  function showInspector() {
    const entry = st.segs.get(st.selected ?? st.trace.steps[st.index].segmentId);
    segInfo.dataset.segmentId = entry?.sg.id ?? '';
    if (!entry) return segInfo.replaceChildren(h('p.hl-none', { text: t('noSegment') }));
    const { sg, i } = entry;
    const sym = segmentNumbers(sg, i, 'symbolic', st.symbols);
    // Like Wireshark's detail pane: each field, its value and, for the header fields, what it means.
    const about = (key) => MEANINGS.has(key) && h('span.hl-meaning', { text: t(`about.${key}`) });
    const row = (key, value) => value != null && [h('dt', { text: t(key) }),
      h('dd', { 'data-field': key }, h('span.hl-value', { text: value }), about(key))];
    const num = (abs, s) => (abs == null ? '—' : s && s !== String(abs) ? `${abs} (${s})` : abs);
    const at = (ms) => (ms == null ? t('never') : formatAt(ms, units));
    segInfo.replaceChildren(
      h('h4', { text: [t('segmentN', { id: sg.id }), sg.retransmission && t('retransmission'), sg.injected && t('injected')].filter(Boolean).join(' · ') }),
      h('dl.hl-seg-dl',
        row('route', `${epName(sg.from)} → ${epName(sg.to)}${sg.src ? ` (${sg.src} → ${sg.dst})` : ''}`),
        row('flags', flagText(sg.flags)), row('seq', num(sg.seq, sym.seq)), row('ack', num(sg.ack, sym.ack)),
        row('len', sg.len), row('window', windowText(sg)), row('ecn', sg.ecn),
        h('dt', { text: t('tcpOptions') }), h('dd', { 'data-field': 'options' }, optionList(sg.options ?? [])),
        row('symbolicForm', segmentLabel(sg, i, 'symbolic', st.symbols)),
        row('sentAt', at(sg.sentAt)), row('arrivesAt', at(sg.arrivesAt)),
        row('copyArrivesAt', sg.copyArrivesAt == null ? null : at(sg.copyArrivesAt)), row('fate', t(`fate.${sg.fate}`, null, sg.fate))));
  }

  /** The window field, and what it offers once the sender's agreed scale is applied (RFC 7323). */
  function windowText(sg) {
    if (sg.window == null) return '—';
    if (sg.scaledWindow == null || sg.scaledWindow === sg.window || sg.window === 0) return String(sg.window);
    return t('windowScaled', { raw: sg.window, scaled: sg.scaledWindow, factor: sg.scaledWindow / sg.window });
  }

  /** The options in wire order, each with its value and a short meaning. */
  function optionList(options) {
    if (!options.length) return h('span.hl-value', { text: t('noOptions') });
    const value = (o) => t(`opt.${o.kind}`, { value: o.value, factor: 2 ** (o.value ?? 0), tsVal: o.tsVal, tsEcr: o.tsEcr, cookie: o.cookie || '—',
      blocks: o.blocks?.map((b) => `${b.left}–${b.right}`).join(', ') });
    return h('ul.hl-opts', options.map((o) => h('li', { 'data-option': o.kind },
      h('span.hl-value', { text: value(o) }), h('span.hl-meaning', { text: t(`about.opt.${o.kind}`) }))));
  }

  // Playback
  function setPlaying(on) {
    st.playing = on;
    clearTimeout(st.timer);
    const label = t(on ? 'pause' : 'play');
    playBtn.textContent = `${on ? '⏸' : '▶'} ${label}`;
    playBtn.setAttribute('aria-label', label);
    root.classList.toggle('is-playing', on);
    if (on) {
      st.timer = setTimeout(() => {
        go(st.index + 1);
        setPlaying(st.index < lastShown());
      }, STEP_INTERVAL_MS / st.speed);
    }
  }
  function togglePlay() {
    if (st.playing || !st.trace) return setPlaying(false);
    if (st.index >= lastShown()) go(0);
    setPlaying(true);
  }
  setPlaying(false);

  // Segment menu and faults
  /** Which segments the fault takes: 'nth' (this one) or 'after' (every one like it from the field's time on). */
  const scope = () => scopeRadios.find((r) => r.checked).value;
  /** The action buttons say "this segment" or "them", as the scope is. */
  function showScope() {
    const after = scope() === 'after';
    faultItems.forEach((b) => { b.textContent = t(after ? `${b.dataset.fault}Them` : b.dataset.fault); });
    afterError.hidden = true;
    afterField.setAttribute('aria-invalid', 'false');
  }
  function openMenu(id, element) {
    const { sg } = st.segs.get(id);
    const { injected } = sg;
    st.selected = id;
    showStep(false);
    if (section.dataset.mode === 'predict') return; // a fault would change the trace the predictions are checked against
    st.menuFor = { id, element };
    menuTitle.textContent = t(injected ? 'injectedNoFault' : 'menuLabel', { id });
    faultItems.forEach((b) => { b.hidden = injected; });
    scopeBox.hidden = injected;
    const kind = { ep: epName(sg.from).toLowerCase(), flags: flagText(faultFlags(sg.flags)) };
    scopeLabels[0].textContent = ` ${t('faultNth', { ...kind, n: nthOf(st.trace, id) })}`;
    scopeLabels[1].textContent = ` ${t('faultAfter', kind)}`;
    afterField.value = Math.floor(sg.sentAt ?? 0);
    afterHint.textContent = t('faultAfterHint', { at: formatAt(sg.sentAt ?? 0, units) });
    scopeRadios[0].checked = true;
    showScope();
    const box = element.getBoundingClientRect();
    const base = root.getBoundingClientRect();
    menu.hidden = false;
    menu.style.left = `${Math.max(8, Math.min(box.left - base.left + box.width / 2, base.width - menu.offsetWidth - 8))}px`;
    menu.style.top = `${box.top - base.top + Math.min(box.height, 40) + 6}px`;
    (injected ? cancelItem : faultItems[0]).focus();
  }
  function closeMenu(restoreFocus) {
    if (menu.hidden) return;
    menu.hidden = true;
    if (restoreFocus && st.menuFor.element.isConnected) st.menuFor.element.focus();
  }
  /** Says in the menu why it did nothing; {field}: the time field that was wrong, if it was. */
  function sayInMenu(text, field = null) {
    afterError.textContent = text;
    afterError.hidden = false;
    if (field) {
      field.setAttribute('aria-invalid', 'true');
      field.focus();
    }
  }
  // An uploaded capture brings the scenario inferred from it (section.hlScenario); a catalogue scenario is fetched.
  const baseSpec = async () => st.custom || section.hlScenario || fetchSpec(scenario);
  menu.onclick = async (e) => {
    const action = e.target.dataset.fault;
    if (!action) return;
    if (action === 'cancel') return closeMenu(true);
    const afterMs = scope() === 'after' ? afterMsOf(afterField.value) : null;
    if (scope() === 'after' && afterMs == null) return sayInMenu(t('faultAfterInvalid'), afterField);
    const { id } = st.menuFor;
    let base;
    try {
      base = await baseSpec();
    } catch (failure) {
      return sayInMenu(t('loadFailed', { detail: failureText(t, failure) }));
    }
    // The fault goes after the scenario's own, so "this one" is counted among the segments they let through.
    const fault = buildFault(st.trace, id, action, afterMs, base.faults || []);
    if (!fault) return sayInMenu(t('faultTaken', { id }));
    closeMenu(false);
    applyFault(id, action, afterMs, base, fault);
  };
  for (const radio of scopeRadios) radio.onchange = showScope;
  afterField.oninput = () => {
    scopeRadios[1].checked = true;
    showScope();
  };
  menu.onkeydown = (e) => {
    const items = menuItems.filter((b) => !b.hidden);
    const move = { ArrowDown: 1, ArrowUp: -1 }[e.key];
    e.stopPropagation();
    if (e.key === 'Escape') closeMenu(true);
    else if (e.key === 'Enter' && e.target === afterField) items[0].click(); // Enter in the field loses them
    else if (move && items.includes(document.activeElement)) items[(items.indexOf(document.activeElement) + move + items.length) % items.length].focus();
    else return;
    e.preventDefault();
  };
  // Tabbing out of the dialog closes it, as a click elsewhere does.
  menu.addEventListener('focusout', (e) => {
    if (e.relatedTarget && !menu.contains(e.relatedTarget)) closeMenu(false);
  });
  document.addEventListener('pointerdown', (e) => {
    if (!menu.contains(e.target) && !e.target.closest?.('[data-segment-id]')) closeMenu(false);
  });

  /** Runs the scenario {base} again with {fault} added after its own, and says so above the ladder. */
  function applyFault(id, action, afterMs, base, fault) {
    const { sg } = st.segs.get(id);
    let spec;
    run(async () => {
      st.open = new Set();
      st.compact = isCompact();
      return postTrace(spec = specWithFault(base, fault, settings()), lang, { compact: st.compact, open: st.open });
    }, () => {
      st.custom = spec;
      st.faults.push(afterMs == null ? t(`rerun.${action}`, { id })
        : t(`rerunFrom.${action}`, { ep: epName(sg.from).toLowerCase(), flags: flagText(faultFlags(sg.flags)), ms: afterMs }));
      live.textContent = noticeText.textContent = st.faults.join('; ');
      notice.hidden = false;
      (ladderWrap.querySelector(`[data-segment-id="${id}"]`) || root).focus({ preventScroll: true });
    });
  }

  // Events
  resetBtn.onclick = () => {
    st.custom = null;
    st.faults = [];
    notice.hidden = true;
    root.focus({ preventScroll: true });
    load();
  };
  const actions = {
    first: () => go(0), prev: () => go(st.index - 1), next: () => go(st.index + 1), last: () => go(lastShown()), play: togglePlay,
    'next-change': () => go(nextChange(st.index) ?? st.index), 'prev-change': () => go(prevChange(st.index) ?? st.index),
    'next-segment': () => go(nextSegment(st.index) ?? st.index),
  };
  controls.onclick = (e) => {
    const b = e.target.closest('[data-action]');
    if (b && st.trace && b.getAttribute('aria-disabled') !== 'true') actions[b.dataset.action]();
  };
  speedSel.onchange = () => {
    st.speed = +speedSel.value;
    if (st.playing) setPlaying(true);
  };
  numbersBox.onchange = () => {
    root.dataset.numbers = st.numbers = numbersBox.checked ? 'symbolic' : 'absolute';
    if (st.layout) drawLadder(); // both label forms came with the layout
  };
  profileSel.onchange = () => {
    st.profile = profileSel.value;
    load();
  };
  for (const input of isnInputs) {
    input.onchange = () => {
      const ep = input.dataset.endpoint;
      st.isn[ep] = input.value.trim();
      if (String(st.trace?.endpoints[ep]?.isn) !== st.isn[ep]) load();
    };
  }
  const keys = {
    ArrowRight: actions.next, ArrowLeft: actions.prev, 'Shift+ArrowRight': actions['next-change'],
    'Shift+ArrowLeft': actions['prev-change'], Home: actions.first, End: actions.last, ' ': togglePlay,
  };
  // Arrows step from anywhere on a page with one simulator (else from inside it), never from a form field;
  // Space plays only where it would press nothing else, so a focused button keeps its Space.
  const onKey = (e) => {
    const key = `${e.shiftKey && e.key !== ' ' ? 'Shift+' : ''}${e.key}`;
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || !keys[key] || !st.trace
      || e.target.closest?.('input, select, textarea, [contenteditable]')) return;
    if (!key.includes('Arrow') && !section.contains(e.target)) return;
    if (key === ' ' && e.target.closest?.('button, a[href], summary, [role=button], [role=menuitem]')) return;
    e.preventDefault();
    keys[key]();
  };
  (document.querySelectorAll('.simulator').length === 1 ? document : section).addEventListener('keydown', onKey);

  // Start at ?step=N (first simulator of the page) or data-step=N, both counted from 1.
  const start = +((isFirst() && new URLSearchParams(window.location.search).get('step')) || section.dataset.step);
  if (Number.isInteger(start) && start > 0) st.index = start - 1;
  /** Predict mode: steps after `index` stay hidden (null: none); the current step moves back if it is beyond. */
  const setLimit = (index) => {
    st.limit = index ?? Infinity;
    if (st.trace && st.index > lastShown()) go(lastShown());
    else if (st.trace) showStep(false);
  };
  section.hlSimulator = { root, go, setLimit, get index() { return st.index; }, ready: load() };
  return section.hlSimulator;
}

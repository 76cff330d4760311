// The sandbox: mountSandbox(section) lets the reader make every call and decide every segment's fate, over /api/sessions.
import { h } from './dom.js';
import { failureText, pickLang } from './i18n.js';
import { createLadderView, isCompactWidth } from './ladder-view.js';
import { createStateDiagram, currentBox, fromBox, targetBox } from './state-diagram.js';
import { formatAt, formatDuration, isStateChange, segmentLabel, teardownSymbols } from './segment-format.js';
import { createSandboxT } from './sandbox-i18n.js';
import { showSynQueue, synQueueLine } from './syn-queue.js';
import { mountTunableSetting } from './tunable-setting.js';

const HOSTS = ['client', 'server'];
const CALLS = ['listen', 'connect', 'send', 'read', 'shutdown', 'close', 'abort', 'crash', 'cork', 'uncork'];
/** The calls that take the number of bytes in the host's bytes field. */
const WITH_BYTES = ['send', 'read'];
const FATES = ['deliver', 'drop', 'duplicate', 'delay', 'mark-ce'];
const MODES = ['manual', 'auto', 'step'];
/** Segments no endpoint sends, injected as from a host: [move type, the host it claims to come from]. */
const INJECTIONS = [['old-syn', 'client'], ['forged-rst', 'client'], ['forged-rst', 'server'], ['blind-rst', 'client']];
/** SYNs from spoofed sources to the listening server, as many as the count field says (Sandbox.MAX_SPOOFED_SYNS at most). */
const SPOOFED_SYN = 'spoofed-syn';
const MAX_SPOOFED_SYNS = 256;
const MAX_ISN = 4294967295;
const other = (ep) => (ep === 'client' ? 'server' : 'client');
const DELAY_MS = 500;
const MAX_LOG_GROUPS = 60;
let instances = 0;

// JSON over fetch; body undefined: GET, null: POST without a body. Failures throw {status, detail} (from problem+json).
async function call(url, body) {
  const init = { method: body === undefined ? 'GET' : 'POST', headers: { Accept: 'application/json' } };
  if (body) Object.assign(init, { headers: { ...init.headers, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const res = await fetch(url, init).catch(() => { throw { status: 0, detail: null }; });
  if (res.ok) return res.json();
  const problem = await res.json().catch(() => ({}));
  throw { status: res.status, detail: problem.detail || problem.title || `HTTP ${res.status}` };
}

// The trace after a move from the one before it and what the move changed (TraceChange in the API).
function changedTrace(trace, change) {
  const segments = new Map(trace.segments.map((sg) => [sg.id, sg]));
  for (const sg of change.segments) segments.set(sg.id, sg);
  return {
    ...trace,
    segments: [...segments.values()].sort((a, b) => a.id - b.id),
    steps: trace.steps.slice(0, change.fromStep).concat(change.steps),
    finalStates: change.finalStates,
  };
}

/**
 * A fault the set-up form makes: every segment of one host lost from a moment on (no flags, no n-th, no end: a drop
 * that ends at beforeMs is a scenario's fault, which the form keeps as it is).
 */
const isSilence = (f) => f.action === 'drop' && f.match?.afterMs != null && f.match.beforeMs == null
  && f.match.flags == null && f.match.nth == null;

const setOff = (button, off) => button.setAttribute('aria-disabled', off ? 'true' : 'false');
const isOff = (button) => button.getAttribute('aria-disabled') === 'true';

/** Builds a sandbox in a `.sandbox` section (data-lang, data-mode, and data-session, data-scenario or data-task). */
export function mountSandbox(section) {
  if (section.hlSandbox) return section.hlSandbox;
  const uid = `sb-${++instances}`;
  const lang = pickLang(section.dataset.lang || document.documentElement.lang);
  const t = createSandboxT(lang);
  const units = { ms: t('unitMs'), s: t('unitS') };
  const at = (ms) => formatAt(ms, units);
  const epName = (ep) => t(`ep.${ep}`, null, ep);
  const spoofRoute = () => ({ from: epName('attacker'), to: epName('server') });
  const q = `?lang=${lang}`;
  // The API's query: the language, and the ladder's layout for the box it is drawn in (compact on a phone).
  const isCompact = () => isCompactWidth(section.clientWidth);
  const api = () => {
    st.compact = isCompact(); // the layout the next answer's ladder has
    return `${q}&ladder=${st.compact ? 'compact' : 'wide'}`;
  };
  const sp = lang === 'zh' ? '' : ' ';
  // beforeMove: predict mode's hook, true when it holds the move back to ask about it first; afterUndo: its hook told
  // the session's move count once a move is taken back.
  const st = {
    session: null, busy: false, compact: false, tunables: new Map(), numbers: 'symbolic', rows: new Map(), symbols: null, segs: new Map(), beforeMove: null, afterUndo: null, note: null,
  };
  const isFirst = () => document.querySelector('.sandbox') === section;

  // Global controls
  const advanceBtn = h('button.hl-btn.sb-advance', { 'aria-keyshortcuts': 'a', 'aria-disabled': 'true' }, t('advance'));
  const undoBtn = h('button.hl-btn.sb-undo', { 'aria-keyshortcuts': 'u', 'aria-disabled': 'true' }, `↶ ${t('undo')}`);
  const shareBtn = h('button.hl-btn.sb-share', { text: t('share') });
  const shareStatus = h('span.sb-share-status');
  const shareField = h('input.sb-share-url', { readonly: true, hidden: true, 'aria-label': t('shareLink') });
  const clock = h('output.sb-clock');
  const modeText = h('span.sb-mode');
  // The trace so far, for Wireshark, packetdrill or slides.
  const downloads = ['pcap', 'packetdrill', 'svg'].map((format) => h('a.sb-download', { 'data-format': format, download: '', text: format }));
  const bar = h('div.sb-bar', { role: 'group', 'aria-label': t('sandbox') }, advanceBtn, undoBtn, shareBtn, shareStatus, shareField,
    h('span.sb-downloads', ...downloads));
  const info = h('p.sb-info', clock, modeText);
  const help = h('p.sb-help', { text: t('help') });
  const error = h('p.sb-error', { role: 'alert', hidden: true });
  // Someone else's session: watch it, or copy it to make moves in one's own.
  const copyBtn = h('button.hl-btn.sb-copy', { text: t('copy') });
  const watching = h('div.sb-watching', { role: 'status', hidden: true }, h('p', { text: t('watching') }), copyBtn);
  const newLink = h('a.sb-new', { href: `/sandbox${q}`, hidden: true, text: t('newSandbox') });
  // A task session: the task in the page's language (from the API), and whether the engine found it met.
  const taskTitle = h('h2', { id: `${uid}-task` });
  const taskText = h('p.sb-task-text');
  const taskStatus = h('p.sb-task-status');
  const taskPanel = h('section.hl-panel.sb-task', { hidden: true, 'aria-labelledby': taskTitle.id }, taskTitle, taskText, taskStatus);

  // Client and server
  const hosts = Object.fromEntries(HOSTS.map((ep) => {
    const p = { state: h('strong.sb-state'), timers: h('ul.sb-timers', { 'aria-label': t('timers') }), synq: synQueueLine() };
    p.calls = Object.fromEntries(CALLS.map((c) => [c, h('button.hl-btn.sb-call', {
      'data-call': c, 'data-host': ep, 'aria-disabled': 'true', title: t(`hint.${c}`), text: c === 'crash' ? t('call.crash') : `${c}()`,
    })]));
    p.bytes = h('input.sb-bytes', { type: 'number', id: `${uid}-${ep}-bytes`, min: 1, max: 65535, step: 1, value: 100, inputmode: 'numeric' });
    // send() with MSG_MORE: its partial segment waits for the next send (move.more).
    p.more = h('input.sb-more', { type: 'checkbox', id: `${uid}-${ep}-more`, title: t('moreLabel', { ep: epName(ep) }) });
    // The per-host switch "reads only when it calls read()" (params.clientReads / serverReads): fixed per session.
    p.reads = h('input.sb-reads', { type: 'checkbox', id: `${uid}-${ep}-reads`, 'aria-describedby': `${uid}-${ep}-reads-hint` });
    const title = `${uid}-${ep}-title`;
    p.panel = h(`section.hl-panel.hl-endpoint.hl-ep-${ep}.sb-host`, { 'data-host': ep, 'aria-labelledby': title },
      h('h3', { id: title }, h('span.hl-badge', { 'aria-hidden': 'true', text: t(`badge.${ep}`) }), ` ${epName(ep)}`),
      h('p', t('labelValue', { label: t('state'), value: '' }), p.state), p.timers, p.synq,
      h('div.sb-calls', { role: 'group', 'aria-label': t('calls', { ep: epName(ep) }) },
        CALLS.filter((c) => c !== 'read').map((c) => (c !== 'send' ? p.calls[c] : h('span.sb-send', p.calls.send, p.calls.read,
          h('label', { for: p.bytes.id, title: t('bytesLabel', { ep: epName(ep) }) }, h('span', { text: t('bytes') })), p.bytes,
          h('label.sb-more-label', { for: p.more.id, title: t('moreLabel', { ep: epName(ep) }) }, p.more, h('span', { text: ` ${t('more')}` })))))),
      h('p.sb-reads-row', h('label', { for: p.reads.id }, p.reads, ` ${t('readsOnCall')}`),
        h('span.sb-hint', { id: `${uid}-${ep}-reads-hint`, text: ` ${t('readsHint')}` })));
    return [ep, p];
  }));

  // The session's set-up: fixed per session, so applying it starts a new session (with its own share link).
  const field = (control, label) => h('span.sb-field', h('label', { for: control.id, text: label }), control);
  const profileSel = h('select.sb-profile', { id: `${uid}-profile` }, [['rfc9293', 'RFC 9293'], ['linux', 'Linux']].map(([value, text]) => h('option', { value, text })));
  const isnFields = Object.fromEntries(HOSTS.map((ep) => [ep, h('input.sb-isn', {
    type: 'number', id: `${uid}-${ep}-isn`, min: 0, max: MAX_ISN, step: 1, inputmode: 'numeric', 'data-host': ep,
  })]));
  const modeSel = h('select.sb-mode-choice', { id: `${uid}-mode` }, MODES.map((m) => h('option', { value: m, text: t(`modeName.${m}`) })));
  // params.noDelay: both sockets' TCP_NODELAY, so that Nagle's algorithm holds no small send() back.
  const noDelayBox = h('input.sb-nodelay', { type: 'checkbox', id: `${uid}-nodelay`, 'aria-describedby': `${uid}-nodelay-hint` });
  // A host gone silent from a moment on: faults[].match.afterMs, every segment it sends then or later lost.
  const silentSel = h('select.sb-silent', { id: `${uid}-silent`, 'aria-describedby': `${uid}-silent-hint` },
    h('option', { value: '', text: t('silentNone') }), HOSTS.map((ep) => h('option', { value: ep, text: t('silentHost', { ep: epName(ep).toLowerCase() }) })));
  const silentAfter = h('input.sb-silent-after', {
    type: 'number', id: `${uid}-silent-after`, min: 0, step: 1, value: 0, inputmode: 'numeric', 'aria-describedby': `${uid}-silent-hint`,
  });
  // Any TCP tunable, for both hosts or one: the scenario editor's "TCP setting" block, rendered by the page
  // (tags/tunableSetting.html); the settings made there are listed, each removable, until the set-up is applied.
  const tunableBlock = document.getElementById('sandbox-tunables')?.content.querySelector('fieldset').cloneNode(true);
  const tunableList = h('ul.sb-tunables', { id: `${uid}-tunables`, 'aria-labelledby': `${uid}-tunables-title` });
  const setupForm = h('form.sb-setup', { novalidate: true }, h('fieldset', h('legend', { text: t('setup') }),
    field(profileSel, t('profile')), field(isnFields.client, t('clientIsn')), field(isnFields.server, t('serverIsn')), field(modeSel, t('modeLabel')),
    h('p.sb-nodelay-row', h('label', { for: noDelayBox.id }, noDelayBox, ` ${t('noDelay')}`),
      h('span.sb-hint', { id: `${uid}-nodelay-hint`, text: t('noDelayHint') })),
    field(silentSel, t('silent')), field(silentAfter, t('silentAfter')),
    h('p.sb-hint.sb-silent-hint', { id: `${uid}-silent-hint`, text: t('silentHint') }),
    tunableBlock && [tunableBlock, h('div.sb-tunables-chosen', h('h4', { id: `${uid}-tunables-title`, text: t('tunablesChosen') }), tunableList)],
    h('button.hl-btn.sb-setup-apply', { type: 'submit', text: t('setupApply') })));

  // The TCP settings the next session starts with, by 'both.window', 'client.mss': {name, value, host (null: both)}.
  const tunableNames = new Set([...(tunableBlock?.querySelectorAll('[data-tunable]') || [])].map((about) => about.dataset.tunable));
  const OWN_CONTROL = 'noDelay'; // for both hosts, the set-up's own checkbox sets it
  const keyOf = ({ name, host }) => `${host ?? 'both'}.${name}`;
  const settingText = ({ name, value, host }) => {
    const label = tunableBlock.querySelector(`[name=tunable] option[value="${name}"]`).text;
    const shown = tunableBlock.querySelector(`[data-tunable="${name}"] option[value="${value}"]`)?.text ?? String(value);
    return host ? t('tunableHost', { label, value: shown, ep: epName(host).toLowerCase() }) : t('tunableBoth', { label, value: shown });
  };
  function showTunables() {
    tunableList.replaceChildren(...[...st.tunables.values()].map((setting) => {
      const text = settingText(setting);
      return h('li.sb-tunable', { 'data-tunable': setting.name, 'data-host': setting.host ?? 'both' }, h('span', { text }), ' ',
        h('button.hl-btn.sb-tunable-remove', { 'aria-label': t('tunableRemoveLabel', { setting: text }), text: t('tunableRemove') }));
    }), st.tunables.size ? '' : h('li.hl-none', { text: t('tunablesNone') }));
  }
  /** The tunables a session's specification sets, for both hosts (params) or one (params.client, params.server). */
  function tunablesOf(params = {}) {
    const chosen = new Map();
    const add = (host, values = {}) => Object.entries(values).filter(([name]) => tunableNames.has(name) && (host || name !== OWN_CONTROL))
      .forEach(([name, value]) => chosen.set(keyOf({ name, host }), { name, value, host }));
    add(null, params);
    HOSTS.forEach((ep) => add(ep, params[ep]));
    return chosen;
  }
  /** Params that replace the specification's tunables with those chosen (undefined leaves a key out of the JSON). */
  function chosenTunables() {
    const params = Object.fromEntries([...tunableNames, ...HOSTS].map((key) => [key, undefined]));
    for (const { name, value, host } of st.tunables.values()) {
      if (host) params[host] = { ...params[host], [name]: value };
      else params[name] = value;
    }
    return params;
  }
  if (tunableBlock) {
    mountTunableSetting(tunableBlock, (setting) => {
      if (setting.name === OWN_CONTROL && !setting.host) noDelayBox.checked = setting.value;
      else st.tunables.set(keyOf(setting), setting);
      showTunables();
      say(t('tunableAdded', { setting: settingText(setting) }));
    });
    tunableList.addEventListener('click', (e) => {
      const row = e.target.closest('button.sb-tunable-remove')?.closest('li');
      if (!row) return;
      const key = `${row.dataset.host}.${row.dataset.tunable}`;
      const text = settingText(st.tunables.get(key));
      st.tunables.delete(key);
      showTunables();
      tunableBlock.querySelector('[name=tunable]').focus(); // the button is gone: focus back where settings are made
      say(t('tunableRemoved', { setting: text }));
    });
  }

  // Segments in flight
  const numbersBox = h('input.sb-numbers', { type: 'checkbox', id: `${uid}-numbers`, checked: true });
  const flightCount = h('span.sb-flight-count');
  const flightHint = h('p.sb-hint');
  const flightList = h('ol.sb-flights');
  const scheduledList = h('ul.sb-scheduled-list');
  const scheduledBox = h('div.sb-scheduled', { hidden: true }, h('h4', { text: t('scheduled') }), scheduledList);
  const spoofCount = h('input.sb-spoof-count', {
    type: 'number', id: `${uid}-spoof-count`, min: 1, max: MAX_SPOOFED_SYNS, step: 1, value: 16, inputmode: 'numeric',
  });
  const spoofBtn = h('button.hl-btn.sb-inject', { 'data-type': SPOOFED_SYN, title: t(`hint.${SPOOFED_SYN}`), text: t(`inject.${SPOOFED_SYN}`, spoofRoute()) });
  const injectGroup = h('div.sb-injects', { role: 'group', 'aria-labelledby': `${uid}-injects` }, h('h4', { id: `${uid}-injects`, text: t('injects') }),
    INJECTIONS.map(([type, host]) => h('button.hl-btn.sb-inject', {
      'data-type': type, 'data-host': host, title: t(`hint.${type}`), text: t(`inject.${type}`, { from: epName(host), to: epName(other(host)) }),
    })),
    h('span.sb-spoof', spoofBtn, h('label', { for: spoofCount.id, title: t('spoofCountLabel') }, h('span', { text: t('spoofCount') })), spoofCount));
  const flightPanel = h('section.hl-panel.sb-flight-panel', { tabindex: -1, 'aria-labelledby': `${uid}-flights` },
    h('div.sb-flight-head', h('h3', { id: `${uid}-flights` }, t('inFlight'), flightCount),
      h('label.sb-toggle', { for: numbersBox.id }, numbersBox, ` ${t('symbolic')}`)),
    flightHint, flightList, scheduledBox, injectGroup);

  // Diagrams, log, live region
  const ladderWrap = h('div.hl-ladder-wrap.sb-ladder', { tabindex: 0, role: 'region', 'aria-label': t('ladderTitle') }); // scrolls on a phone
  const diagramHost = h('figure.hl-diagram', { tabindex: 0, 'aria-label': t('diagramTitle') }); // scrolls on a phone: keys scroll it
  const log = h('ul.sb-log', { 'aria-label': t('log'), tabindex: 0 }); // scrolls: focusable, so that keys scroll it
  const logPanel = h('section.hl-panel.sb-log-panel', { 'aria-labelledby': `${uid}-log` }, h('h3', { id: `${uid}-log`, text: t('log') }), log);
  const live = h('div.sb-live', { 'aria-live': 'polite', 'aria-atomic': 'true' });
  const work = h('div.sb-work', { hidden: true }, taskPanel, bar, info, help, setupForm, h('div.sb-hosts', hosts.client.panel, hosts.server.panel), flightPanel,
    h('div.hl-body.sb-body', h('div.hl-side', ladderWrap, logPanel), diagramHost));
  const root = h('div.hl-sim.sb-root', { tabindex: -1, lang: lang === 'zh' ? 'zh-CN' : 'en' }, error, newLink, watching, work, live);
  section.replaceChildren(root);
  const ladder = createLadderView(ladderWrap, { t, onActivate: activateSegment });
  // The box crossing the phone's width: the session's ladder laid out again for it.
  new ResizeObserver(() => {
    if (st.session && st.compact !== isCompact()) {
      run(async () => render(await call(`/api/sessions/${encodeURIComponent(st.session.id)}${api()}`)));
    }
  }).observe(section);
  const diagram = createStateDiagram(diagramHost, { t });

  // Rendering a session view
  const labelOf = (seg) => {
    const known = st.segs.get(seg.id);
    return known ? segmentLabel(known.sg, known.i, st.numbers, st.symbols) : segmentLabel(seg, -1, st.numbers, null);
  };
  const route = (from, to) => t('route', { from: epName(from), to: epName(to) });

  function render(session) {
    st.session = session;
    work.hidden = false;
    const { trace, now } = session;
    section.dataset.sessionId = session.id;
    downloads.forEach((a) => { a.href = `/api/sessions/${encodeURIComponent(session.id)}/trace?format=${a.dataset.format}`; });
    root.dataset.mode = session.mode;
    root.dataset.readOnly = !session.yours;
    watching.hidden = session.yours;
    for (const control of [advanceBtn, undoBtn, help, injectGroup, ...HOSTS.map((ep) => hosts[ep].panel.querySelector('.sb-calls'))]) control.hidden = !session.yours;
    st.symbols = teardownSymbols(trace);
    st.segs = new Map(trace.segments.map((sg, i) => [sg.id, { sg, i }]));
    setOff(advanceBtn, !session.canAdvance);
    setOff(undoBtn, !session.moveCount);
    clock.textContent = `${t('clock', { now: at(now) })} · ${session.nextEventAt == null ? t('nothingNext') : t('next', { at: at(session.nextEventAt) })}`;
    Object.assign(clock.dataset, { now, next: session.nextEventAt ?? '' });
    modeText.textContent = t('mode', { mode: t(`mode.${session.mode}`, null, session.mode) });
    for (const ep of HOSTS) {
      const p = hosts[ep];
      const state = session.states[ep];
      p.state.textContent = p.panel.dataset.state = state;
      const timers = session.timers.filter((tm) => tm.endpoint === ep);
      p.timers.replaceChildren(...timers.map((tm) => h('li', {
        'data-kind': tm.kind, 'data-expires-at': tm.expiresAt,
        text: t('timerLeft', { kind: t(`timer.${tm.kind}`, null, tm.kind), time: formatDuration(tm.expiresAt - now, units) }),
      })), timers.length ? '' : h('li.hl-none', { text: t('noTimers') }));
      showSynQueue(p.synq, t, trace.steps.at(-1)?.synQueue?.[ep], session.synQueueCapacity);
      p.reads.checked = session.spec?.params?.[`${ep}Reads`] === 'on-call';
      p.reads.disabled = !session.yours || session.moveCount > 0;
      const possible = session.possibleCalls[ep] || [];
      for (const c of CALLS) setOff(p.calls[c], !possible.includes(c));
    }
    renderTask(session.task);
    renderFlights();
    renderLadder();
    renderDiagram();
  }

  function renderTask(task) {
    taskPanel.hidden = !task;
    // Its set-up is the task's: a session started anew from the form would not be the task's any more.
    setupForm.hidden = !!task;
    HOSTS.forEach((ep) => { hosts[ep].reads.closest('.sb-reads-row').hidden = !!task; });
    if (!task) return;
    taskPanel.dataset.task = task.id;
    taskPanel.dataset.met = task.met;
    taskTitle.textContent = t('taskHeading', { title: task.title });
    taskText.textContent = task.instructions;
    taskStatus.textContent = t(task.met ? 'taskMet' : 'taskOpen');
  }

  function renderFlights() {
    const { inFlight, mode, now, trace } = st.session;
    const ids = new Set(inFlight.map((f) => f.id));
    for (const [id, row] of st.rows) if (!ids.has(id)) { row.remove(); st.rows.delete(id); }
    let prev = null;
    for (const f of inFlight) {
      const row = st.rows.get(f.id) || makeRow(f);
      fillRow(row, f);
      if (row.parentNode !== flightList || row.previousElementSibling !== prev) (prev ? prev.after(row) : flightList.prepend(row));
      prev = row;
    }
    flightCount.textContent = t('flightCount', { n: inFlight.length });
    flightHint.textContent = mode !== 'manual' ? t('autoHint') : inFlight.length ? t('manualHint') : t('noneInFlight');
    // Delayed segments and duplicate copies travel on their own: listed without buttons.
    const scheduled = [];
    trace.segments.forEach((sg) => {
      for (const when of [sg.arrivesAt, sg.copyArrivesAt]) if (when != null && when > now && !ids.has(sg.id)) scheduled.push([sg, when]);
    });
    scheduledBox.hidden = !scheduled.length;
    scheduledList.replaceChildren(...scheduled.map(([sg, when]) => h('li.sb-scheduled-seg', {
      'data-scheduled-id': sg.id, 'data-from': sg.from,
      text: t('scheduledRow', { id: sg.id, label: labelOf(sg), route: route(sg.from, sg.to), at: at(when) }),
    })));
  }

  function makeRow(f) {
    const descId = `${uid}-seg-${f.id}`;
    // A list item named by its description (a role of group would take it out of the list); each button names its segment.
    const row = h('li.sb-flight', { 'data-segment-id': f.id, 'data-from': f.from, 'aria-labelledby': descId },
      h('p.sb-flight-desc', { id: descId },
        h('span.sb-flight-id', { text: `#${f.id}` }), ' ',
        h('span.sb-route', h('span.hl-badge', { 'aria-hidden': 'true', text: t(`badge.${f.from}`) }), ` ${route(f.from, f.to)}`), ' ',
        h('code.sb-flight-label'), ' ', h('span.sb-flight-time')),
      h('span.sb-fates', { hidden: !st.session.yours }, FATES.map((fate) => h(`button.hl-btn.sb-fate.sb-fate-${fate}`, {
        'data-fate': fate, 'data-segment': f.id, 'aria-label': t(`move.${fate}`, { segment: f.id, ms: DELAY_MS }), text: t(`do.${fate}`, { ms: DELAY_MS }),
      }))));
    st.rows.set(f.id, row);
    return row;
  }

  function fillRow(row, f) {
    row.querySelector('.sb-flight-label').textContent = labelOf(f);
    row.querySelector('.sb-flight-time').textContent = t("timing", { sent: at(f.sentAt), due: at(f.deliverAt) });
  }

  function renderLadder() {
    const { trace } = st.session;
    // Laid out by the server with the session's trace: segments waiting for the reader's decision are held half-way.
    ladder.render(st.session.ladder, st.numbers);
    const last = trace.steps.length - 1;
    ladder.setStep(last, { currentSegmentId: trace.steps[last]?.segmentId, selectedId: null, atText: at(st.session.now) });
    const y = ladder.stepOffset(Math.max(last, 0));
    const { scrollTop: top, clientHeight: hgt } = ladderWrap;
    if (y < top + 60 || y > top + hgt - 60) ladderWrap.scrollTop = Math.max(0, y - hgt / 2);
  }

  function renderDiagram() {
    const { trace: { steps }, states } = st.session;
    const current = Object.fromEntries(HOSTS.map((ep) => [ep, { state: states[ep], box: currentBox(steps, steps.length - 1, ep, states[ep]) }]));
    const taken = steps.findLast(isStateChange);
    diagram.update(current, taken && {
      endpoint: taken.endpoint, from: fromBox(steps, taken.index), to: targetBox(taken.stateBefore, taken.stateAfter), rule: taken.rule,
    });
  }

  // Step log and announcements
  const stepText = (step) => `${isStateChange(step) ? `${t('stateChange', { ep: epName(step.endpoint), from: step.stateBefore, to: step.stateAfter })}${sp}` : ''}`
    + `${step.text || step.detail || step.kind}`;

  function addLog(title, steps, moveCount) {
    log.querySelector('.sb-empty')?.remove();
    const group = h('li.sb-move', { 'data-move-count': moveCount }, h('h4', { text: title }),
      h('ol.sb-steps', steps.map((step) => h('li.sb-step', { 'data-kind': step.kind, 'data-index': step.index },
        h('span.sb-at', { text: at(step.at) }), ' ', stepText(step)))));
    log.prepend(group);
    while (log.children.length > MAX_LOG_GROUPS) log.lastElementChild.remove();
    return group;
  }
  function baseLog({ trace: { steps }, moveCount }) { // what happened before the moves made on this page
    log.querySelector('.sb-move[data-move-count="0"]')?.remove();
    if (steps.length) log.append(addLog(t(moveCount ? 'logLoaded' : 'logStart'), steps, 0));
  }
  function emptyLog() {
    if (!log.children.length) log.append(h('li.sb-empty.hl-none', { text: t('logEmpty') }));
  }
  // A note another part of the page leaves for the next announcement (predict mode turning itself off) comes first.
  const say = (text) => {
    live.textContent = [st.note, text].filter(Boolean).join(sp);
    st.note = null;
  };

  function describe(move) {
    if (!move) return '';
    if (INJECTIONS.some(([type]) => type === move.type)) return t(`inject.${move.type}`, { from: epName(move.host), to: epName(other(move.host)) });
    if (move.type === SPOOFED_SYN) return t(`move.${SPOOFED_SYN}`, { count: move.count, ...spoofRoute() });
    if (move.type === 'call') {
      const args = WITH_BYTES.includes(move.call) ? `${move.bytes}${move.more ? ', MSG_MORE' : ''}` : '';
      return t('move.call', { ep: epName(move.host), call: move.call === 'crash' ? t('call.crash') : `${move.call}(${args})` });
    }
    return t(`move.${move.type}`, move, move.type);
  }

  // Requests
  async function run(task) {
    if (st.busy) return;
    st.busy = true;
    root.setAttribute('aria-busy', 'true');
    try {
      await task();
      error.hidden = true;
    } catch (e) {
      if (e instanceof Error) throw e;
      error.textContent = st.session ? failureText(t, e) : t('loadFailed', { detail: failureText(t, e) });
      error.hidden = false;
      newLink.hidden = !!st.session;
    } finally {
      st.busy = false;
      root.removeAttribute('aria-busy');
    }
  }

  function move(body, { predicted = false } = {}) {
    if (!st.session?.yours) return;
    if (!predicted && st.beforeMove?.(body)) return;
    const active = document.activeElement;
    const row = active?.closest?.('.sb-flight');
    const rowIndex = row ? [...flightList.children].indexOf(row) : -1;
    return run(async () => {
      // since: the session this page holds, so the answer carries only what the move changed in the trace.
      const res = await call(`/api/sessions/${encodeURIComponent(st.session.id)}/actions${api()}&since=${st.session.moveCount}`, body);
      if (res.session.task?.met && !st.session.task?.met) st.note = t('taskMetSay', { title: res.session.task.title });
      render(res.traceChange ? { ...res.session, trace: changedTrace(st.session.trace, res.traceChange) } : res.session);
      const title = describe(body);
      if (res.steps.length) addLog(t('logMove', { n: res.session.moveCount, move: title }), res.steps, res.session.moveCount);
      say(res.steps.length ? res.steps.map(stepText).join(sp) : t('noNewSteps', { move: title }));
      if (rowIndex >= 0 && !active.isConnected) { // the row is gone: stay in the list
        const rows = flightList.children;
        const next = rows[Math.min(rowIndex, rows.length - 1)];
        (next?.querySelector(`[data-fate="${active.dataset.fate}"]`) || flightPanel).focus();
      }
    });
  }

  function undo() {
    if (!st.session?.yours || isOff(undoBtn)) return;
    const undoneMove = st.session.moves.at(-1);
    return run(async () => {
      const session = await call(`/api/sessions/${encodeURIComponent(st.session.id)}/undo${api()}`, null);
      render(session);
      const undone = [...log.querySelectorAll('.sb-move')].filter((g) => +g.dataset.moveCount > session.moveCount);
      undone.forEach((g) => g.remove());
      if (!undone.length) baseLog(session); // the move was made before this page was loaded
      emptyLog();
      say(t('undone', { move: describe(undoneMove), now: at(session.now) }));
      st.afterUndo?.(session.moveCount);
    });
  }

  const advance = () => !isOff(advanceBtn) && move({ type: 'advance' });

  function activateSegment(id) {
    const row = st.rows.get(id);
    if (row) {
      row.scrollIntoView({ block: 'nearest' });
      return row.querySelector('.sb-fate').focus();
    }
    const known = st.segs.get(id);
    if (known) say(t('segInfo', { id, label: labelOf(known.sg), fate: t(`fate.${known.sg.fate}`, null, known.sg.fate) }));
  }

  async function share() {
    const url = window.location.href;
    const ok = await Promise.resolve().then(() => navigator.clipboard.writeText(url)).then(() => true, () => false);
    shareField.value = url;
    shareField.hidden = ok;
    if (!ok) shareField.select();
    shareStatus.dataset.ok = ok;
    say(shareStatus.textContent = t(ok ? 'copied' : 'copyFailed'));
    clearTimeout(st.shareTimer);
    st.shareTimer = setTimeout(() => { shareStatus.textContent = ''; }, 4000);
  }

  // "Make my own copy": the copy is the reader's, at its own share link.
  function copy() {
    return run(async () => {
      const session = await call(`/api/sessions/${encodeURIComponent(st.session.id)}/copy${api()}`, null);
      window.location.assign(`/sandbox/${encodeURIComponent(session.id)}${window.location.search}`);
    });
  }

  // Events
  copyBtn.onclick = copy;
  advanceBtn.onclick = advance;
  undoBtn.onclick = undo;
  shareBtn.onclick = share;
  for (const ep of HOSTS) {
    const p = hosts[ep];
    p.panel.addEventListener('click', (e) => {
      const b = e.target.closest('button.sb-call');
      if (!b || !st.session) return;
      const c = b.dataset.call;
      if (isOff(b)) {
        return say(t('notNow', { call: `${c}()`, ep: lang === 'en' ? epName(ep).toLowerCase() : epName(ep), state: st.session.states[ep] }));
      }
      const body = { type: 'call', host: ep, call: c };
      if (WITH_BYTES.includes(c)) {
        body.bytes = +p.bytes.value;
        if (!Number.isInteger(body.bytes) || body.bytes < 1 || body.bytes > 65535) {
          error.textContent = t('badBytes');
          error.hidden = false;
          return p.bytes.focus();
        }
        if (c === 'send' && p.more.checked) body.more = true;
      }
      move(body);
    });
    p.reads.addEventListener('change', () => restart({ [`${ep}Reads`]: p.reads.checked ? 'on-call' : 'on-arrival' }));
    p.bytes.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        p.calls.send.click();
      }
    });
  }
  injectGroup.addEventListener('click', (e) => {
    const b = e.target.closest('button.sb-inject');
    if (!b) return;
    if (b !== spoofBtn) return move({ type: b.dataset.type, host: b.dataset.host });
    const count = +spoofCount.value;
    const bad = !Number.isInteger(count) || count < 1 || count > MAX_SPOOFED_SYNS;
    spoofCount.setAttribute('aria-invalid', bad ? 'true' : 'false');
    if (!bad) return move({ type: SPOOFED_SYN, count });
    error.textContent = t('badSpoofCount', { max: MAX_SPOOFED_SYNS });
    error.hidden = false;
    spoofCount.focus();
  });
  spoofCount.addEventListener('input', () => spoofCount.setAttribute('aria-invalid', 'false'));
  spoofCount.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      spoofBtn.click();
    }
  });
  HOSTS.forEach((ep) => isnFields[ep].addEventListener('input', () => isnFields[ep].setAttribute('aria-invalid', 'false')));
  silentAfter.addEventListener('input', () => silentAfter.setAttribute('aria-invalid', 'false'));
  setupForm.addEventListener('submit', (e) => {
    e.preventDefault();
    const isns = Object.fromEntries(HOSTS.map((ep) => [ep, isnFields[ep].value.trim() === '' ? NaN : Number(isnFields[ep].value)]));
    const bad = HOSTS.find((ep) => !Number.isInteger(isns[ep]) || isns[ep] < 0 || isns[ep] > MAX_ISN);
    HOSTS.forEach((ep) => isnFields[ep].setAttribute('aria-invalid', ep === bad ? 'true' : 'false'));
    if (bad) {
      error.textContent = t('badIsn', { ep: epName(bad) });
      error.hidden = false;
      return isnFields[bad].focus();
    }
    const afterText = silentAfter.value.trim();
    const afterMs = /^\d+$/.test(afterText) ? Number(afterText) : null;
    silentAfter.setAttribute('aria-invalid', silentSel.value && afterMs == null ? 'true' : 'false');
    if (silentSel.value && afterMs == null) {
      error.textContent = t('badSilentAfter');
      error.hidden = false;
      return silentAfter.focus();
    }
    const silent = silentSel.value ? { from: silentSel.value, afterMs } : null;
    restart({ ...chosenTunables(), clientIsn: isns.client, serverIsn: isns.server, noDelay: noDelayBox.checked }, profileSel.value, modeSel.value, silent)
      .then(() => say(t('setupDone', { profile: profileSel.selectedOptions[0].text, mode: t(`modeName.${modeSel.value}`) })));
  });
  flightList.addEventListener('click', (e) => {
    const b = e.target.closest('button.sb-fate');
    if (!b) return;
    const body = { type: b.dataset.fate, segment: +b.dataset.segment };
    if (body.type === 'delay') body.ms = DELAY_MS;
    move(body);
  });
  numbersBox.onchange = () => {
    st.numbers = numbersBox.checked ? 'symbolic' : 'absolute';
    if (st.session) render(st.session);
  };
  section.addEventListener('keydown', (e) => {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || e.target.closest?.('input, select, textarea')) return;
    const action = { a: advance, u: undo }[e.key.toLowerCase()];
    if (!action) return;
    e.preventDefault();
    action();
  });

  // Start: load the shared session, or create one and make the URL its share link.
  const existing = section.dataset.session;
  const ready = run(async () => {
    let session;
    if (existing) {
      session = await call(`/api/sessions/${encodeURIComponent(existing)}${api()}`);
    } else {
      const mode = MODES.includes(section.dataset.mode) ? section.dataset.mode : 'manual';
      const { scenario, task } = section.dataset;
      // A task starts from its own scenario in its own mode.
      session = await call(`/api/sessions${api()}`, task ? { task } : scenario ? { scenario, mode } : { spec: { params: { clientIsn: 1000, serverIsn: 5000 } }, mode });
    }
    begin(session, !existing);
  });

  // A new session shown from its start; on the page's first sandbox its share link becomes the URL.
  function begin(session, isNew) {
    if (isNew && isFirst()) {
      const url = new URL(`/sandbox/${encodeURIComponent(session.id)}`, window.location.origin);
      const params = new URLSearchParams(window.location.search);
      if (params.get('lang')) url.searchParams.set('lang', params.get('lang'));
      if (params.get('mode') === 'predict') url.searchParams.set('mode', 'predict'); // the link keeps predict mode on
      window.history.replaceState(window.history.state, '', url);
    }
    render(session);
    profileSel.value = session.spec?.profile || 'rfc9293';
    HOSTS.forEach((ep) => { isnFields[ep].value = session.spec?.params?.[`${ep}Isn`] ?? ''; });
    noDelayBox.checked = session.spec?.params?.noDelay === true;
    st.tunables = tunablesOf(session.spec?.params);
    showTunables();
    const silent = (session.spec?.faults || []).find(isSilence);
    silentSel.value = silent?.match.from ?? '';
    silentAfter.value = silent?.match.afterMs ?? 0;
    modeSel.value = session.mode;
    log.replaceChildren();
    baseLog(session);
    emptyLog();
  }

  // What is fixed per session (who reads only on read(), the profile, the ISNs, TCP_NODELAY, the mode): a new session from the same
  // specification with that changed, shown from its start. A task's session starts the task again (only its mode may change).
  // silent: {from, afterMs} (a host gone silent from then on, replacing the set-up's earlier one), null for none,
  // undefined to keep the faults as they are.
  function restart(params, profile, mode, silent) {
    return run(async () => {
      const { spec, task } = st.session;
      const next = { ...spec, params: { ...(spec.params || {}), ...params }, ...(profile ? { profile } : {}) };
      if (silent !== undefined) {
        next.faults = [...(spec.faults || []).filter((f) => !isSilence(f)), ...(silent ? [{ match: silent, action: 'drop' }] : [])];
      }
      begin(await call(`/api/sessions${api()}`, { ...(task ? { task: task.id } : { spec: next }), mode: mode || st.session.mode }), true);
    });
  }
  // For predict mode (sandbox-predict.js): hold moves back, make them once predicted, start again in another mode.
  section.hlSandbox = {
    root, ready, move, restart, describe, get session() { return st.session; },
    set noteForNextAnnouncement(text) { st.note = text; },
    set beforeMove(hook) { st.beforeMove = hook; },
    set afterUndo(hook) { st.afterUndo = hook; },
  };
  return section.hlSandbox;
}

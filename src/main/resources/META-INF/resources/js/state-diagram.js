// The RFC 9293 state diagram (Figure 5) in SVG: each endpoint's state and the transition just taken.
import { s, svgLines } from './dom.js';
import { arrowHead } from './ladder-view.js';

export const BOX_WIDTH = 118;
export const BOX_HEIGHT = 34;
const VIEW = [-12, -12, 624, 654];
const LINE_HEIGHT = 14;
const MARK_GAP = { client: 4, server: 9 }; // client and server outlines nest when they share a box
const BADGE_RADIUS = 9;

/** Box centres; as in the RFC, CLOSED is also drawn bottom right (CLOSED_END), after a close. */
export const STATE_BOXES = {
  CLOSED: [300, 40], LISTEN: [300, 130], SYN_RECEIVED: [80, 225], SYN_SENT: [520, 225], ESTABLISHED: [300, 320],
  FIN_WAIT_1: [80, 415], CLOSE_WAIT: [520, 415], FIN_WAIT_2: [80, 510], CLOSING: [300, 510], LAST_ACK: [520, 510],
  TIME_WAIT: [300, 605], CLOSED_END: [520, 605],
};

/** Standard transitions: [from, to, SVG points, label 'x y anchor [1 = one line]', i18n key tr.*]. */
export const TRANSITIONS = [
  ['CLOSED', 'LISTEN', '290,57 290,113', '284 84 end', 'passiveOpen'],
  ['LISTEN', 'CLOSED', '310,113 310,57', '316 88 start', 'close'],
  ['CLOSED', 'SYN_SENT', '359,46 500,46 500,208', '494 72 end', 'activeOpen'],
  ['SYN_SENT', 'CLOSED', '540,208 540,34 359,34', '546 120 start', 'closeOrSynTimeout'],
  ['LISTEN', 'SYN_RECEIVED', '250,147 120,208', '178 166 end', 'synSynAck'],
  ['LISTEN', 'SYN_SENT', '350,147 480,208', '422 166 start', 'send'],
  ['SYN_SENT', 'SYN_RECEIVED', '461,225 139,225', '300 219 middle 1', 'synSynAck'],
  ['SYN_RECEIVED', 'LISTEN', '40,208 40,130 241,130', '140 124 middle 1', 'rst'],
  ['SYN_RECEIVED', 'ESTABLISHED', '120,242 250,303', '172 290 end 1', 'ackOfSyn'],
  ['SYN_SENT', 'ESTABLISHED', '480,242 350,303', '430 284 start', 'synAckAck'],
  ['SYN_RECEIVED', 'FIN_WAIT_1', '60,242 60,398', '66 330 start', 'closeFin'],
  ['ESTABLISHED', 'FIN_WAIT_1', '250,337 120,398', '200 374 start', 'closeFin'],
  ['ESTABLISHED', 'CLOSE_WAIT', '350,337 480,398', '400 374 end', 'finAck'],
  ['FIN_WAIT_1', 'FIN_WAIT_2', '60,432 60,493', '66 466 start 1', 'ackOfFin'],
  ['FIN_WAIT_1', 'CLOSING', '139,420 300,420 300,493', '306 450 start', 'finAck'],
  ['CLOSE_WAIT', 'LAST_ACK', '520,432 520,493', '514 466 end 1', 'closeFin'],
  ['FIN_WAIT_2', 'TIME_WAIT', '80,527 80,605 241,605', '160 599 middle 1', 'finAck'],
  ['CLOSING', 'TIME_WAIT', '300,527 300,588', '294 562 end 1', 'ackOfFin'],
  ['LAST_ACK', 'CLOSED_END', '520,527 520,588', '514 562 end 1', 'ackOfFin'],
  ['TIME_WAIT', 'CLOSED_END', '359,605 461,605', '410 599 middle 1', 'timeout'],
];
// Transitions outside the figure, drawn straight when taken.
const EXTRA_LABELS = {
  'FIN_WAIT_1>TIME_WAIT': 'finAckAck', 'ESTABLISHED>CLOSED_END': 'rstAny', 'LISTEN>ESTABLISHED': 'cookie', 'CLOSED_END>LISTEN': 'listenerRemains',
};

/** The box a transition leads to: CLOSED after LISTEN or SYN_SENT, else CLOSED_END. */
export const targetBox = (from, to) => (to !== 'CLOSED' || ['CLOSED', 'LISTEN', 'SYN_SENT'].includes(from) ? to : 'CLOSED_END');

/** An endpoint's box at a step (CLOSED_END once closed after a connection). */
export function currentBox(steps, index, endpoint, state) {
  for (let i = index; state === 'CLOSED' && i >= 0; i--) {
    const { peer, endpoint: ep, stateBefore: a, stateAfter: b } = steps[i];
    if (peer == null && ep === endpoint && b === 'CLOSED' && a && a !== b) return targetBox(a, b);
  }
  return state;
}

/**
 * The box a step's transition leaves. A host whose connection was just deleted while it listens is back in LISTEN in a
 * step of its own (kind state): that leaves the connection's CLOSED_END, not the CLOSED a new passive OPEN leaves.
 */
export function fromBox(steps, index) {
  const { kind, endpoint, stateBefore: from, stateAfter: to } = steps[index];
  return kind === 'state' && from === 'CLOSED' && to === 'LISTEN' ? currentBox(steps, index - 1, endpoint, from) : from;
}

// Where the line from a box centre towards (tx, ty) leaves the box.
const edge = ([cx, cy], [tx, ty]) => {
  const k = Math.min(BOX_WIDTH / 2 / Math.abs(tx - cx || 1e-9), BOX_HEIGHT / 2 / Math.abs(ty - cy || 1e-9));
  return [cx + (tx - cx) * k, cy + (ty - cy) * k];
};

const arrowLabel = (label, text) => {
  const [x, y, anchor, oneLine] = label.split(' ');
  return svgLines(oneLine ? [text] : text.split(' / ').map((part, i, all) => (i < all.length - 1 ? `${part} /` : part)),
    x, y, LINE_HEIGHT, { class: 'hl-tr-label', 'text-anchor': anchor });
};

const arrow = (from, to, points, label, text) => {
  const p = points.split(/[ ,]/).map(Number);
  return s('g.hl-tr', { 'data-from': from, 'data-to': to },
    s('polyline.hl-tr-line', { points }),
    s('polygon.hl-tr-head', { points: arrowHead(...p.slice(-4), 8, 4) }),
    text && arrowLabel(label, text));
};

/**
 * SYN_SENT -> CLOSED is taken for two reasons: the application's CLOSE (§3.10.4) or the SYN retransmissions
 * used up (§3.10.8); taken, the arrow names the one that happened.
 */
const SYN_SENT_CLOSED = 'SYN_SENT>CLOSED';
const causeKey = (rule) => (String(rule || '').startsWith('RFC 9293 §3.10.8') ? 'synRetriesUsedUp' : 'close');

/** createStateDiagram(host, {t}) -> {update({client: {state, box}, server: {state, box}}, taken: {endpoint, from, to, rule} | null)} */
export function createStateDiagram(host, { t }) {
  const svg = s('svg.hl-states', { viewBox: VIEW.join(' '), role: 'img' });
  const [arrowsG, extraG, boxesG, marksG] = [0, 0, 0, 0].map(() => s('g'));
  svg.append(arrowsG, extraG, boxesG, marksG);
  host.append(svg);
  const arrows = new Map(TRANSITIONS.map(([from, to, points, pos, key]) => {
    const g = arrow(from, to, points, pos, t(`tr.${key}`));
    arrowsG.append(g);
    return [`${from}>${to}`, g];
  }));
  for (const [name, [cx, cy]] of Object.entries(STATE_BOXES)) {
    const state = name.replace('_END', '');
    boxesG.append(s('g.hl-box', { 'data-state': state, 'data-box': name },
      s('rect', { x: cx - BOX_WIDTH / 2, y: cy - BOX_HEIGHT / 2, width: BOX_WIDTH, height: BOX_HEIGHT, rx: 4 }),
      s('text', { x: cx, y: cy + 4, 'text-anchor': 'middle', text: state })));
  }

  function update(current, taken) {
    marksG.replaceChildren();
    extraG.replaceChildren();
    for (const g of [...boxesG.children, ...arrows.values()]) g.classList.remove('is-client', 'is-server', 'is-taken', 'hl-by-client', 'hl-by-server');
    const [, , , synSentClosedPos, synSentClosedKey] = TRANSITIONS.find(([a, b]) => `${a}>${b}` === SYN_SENT_CLOSED);
    const synSentClosed = arrows.get(SYN_SENT_CLOSED);
    const why = taken && `${taken.from}>${taken.to}` === SYN_SENT_CLOSED ? causeKey(taken.rule) : synSentClosedKey;
    synSentClosed.querySelector('.hl-tr-label').replaceWith(arrowLabel(synSentClosedPos, t(`tr.${why}`)));
    synSentClosed.dataset.label = why;
    const label = [t('diagramTitle')];
    for (const ep of ['client', 'server']) {
      const c = current[ep];
      if (!STATE_BOXES[c?.box]) continue;
      const [cx, cy] = STATE_BOXES[c.box];
      const w = BOX_WIDTH + 2 * MARK_GAP[ep];
      const hh = BOX_HEIGHT + 2 * MARK_GAP[ep];
      const bx = ep === 'client' ? cx - w / 2 : cx + w / 2;
      const by = cy - hh / 2;
      boxesG.querySelector(`[data-box="${c.box}"]`).classList.add(`is-${ep}`);
      marksG.append(s(`g.hl-mark.hl-mark-${ep}`, { 'data-endpoint': ep, 'data-box': c.box },
        s('rect', { x: cx - w / 2, y: by, width: w, height: hh, rx: 6 }),
        s('circle', { cx: bx, cy: by, r: BADGE_RADIUS }),
        s('text', { x: bx, y: by + 4, 'text-anchor': 'middle', text: t(`badge.${ep}`) })));
      label.push(t('labelValue', { label: t(`ep.${ep}`), value: c.state }));
    }
    const { endpoint, from, to } = taken || {};
    if (STATE_BOXES[from] && STATE_BOXES[to]) {
      const key = `${from}>${to}`;
      let g = arrows.get(key);
      if (!g) {
        const [[x1, y1], [x2, y2]] = [edge(STATE_BOXES[from], STATE_BOXES[to]), edge(STATE_BOXES[to], STATE_BOXES[from])];
        g = arrow(from, to, `${x1},${y1} ${x2},${y2}`, `${(x1 + x2) / 2 + 6} ${(y1 + y2) / 2} start 1`, t(`tr.${EXTRA_LABELS[key]}`, null, ''));
      }
      (g.parentNode || extraG).append(g); // on top of the others
      g.classList.add('is-taken', `hl-by-${endpoint}`);
      label.push(t('diagramTaken', { ep: t(`ep.${endpoint}`), from: from.replace('_END', ''), to: to.replace('_END', '') }));
    }
    svg.setAttribute('aria-label', label.join(t('sep')));
    keepMarksInView();
  }

  /** Where the diagram scrolls in its box (a phone), the current states are brought into view. */
  function keepMarksInView() {
    if (host.scrollWidth <= host.clientWidth) return;
    const xs = [...marksG.children].flatMap((m) => [m.getBoundingClientRect().left, m.getBoundingClientRect().right]);
    if (!xs.length) return;
    const middle = (Math.min(...xs) + Math.max(...xs)) / 2 - host.getBoundingClientRect().left + host.scrollLeft;
    host.scrollLeft = middle - host.clientWidth / 2;
  }

  return { update };
}

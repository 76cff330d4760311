// Pure layout of the ladder (sequence) diagram: trace in, plain data out. No DOM.
import { segmentLabel, teardownSymbols } from './segment-format.js';

export const MARGIN_X = 150;          // beside the outer lanes, for state labels
export const LANE_GAP = 440;          // client lane to server lane
export const EXTRA_LANE_GAP = 260;    // server lane to another host's lane (attacker)
export const HEADER_HEIGHT = 70;      // lane titles
export const TOP_PAD = 26;            // first event below the initial states
export const FOOTER_HEIGHT = 44;
export const PX_PER_MS = 0.72;        // gaps up to LINEAR_MS are drawn to scale,
export const LINEAR_MS = 100;
export const TAIL_PX_PER_MS = 0.1;    // longer ones grow slower,
export const BREAK_MS = 1000;         // and longer than BREAK_MS they become a fixed break
export const BREAK_HEIGHT = 54;
export const MIN_GAP_PX = 12;
export const MAX_GAPS_HEIGHT = 1600;  // dense traces shrink their gaps to fit this
export const SLOT_HEIGHT = 16;        // events of one lane at one time stack in step order
export const STATE_LABEL_OFFSET = 13;
export const STATE_LABEL_SPACING = 14;
export const LABEL_INSET = 16;        // segment labels start this far from the sender
export const MAX_EXTRA_SEGMENTS = 60; // segments drawn to/from other hosts (SYN flood)

const HOSTS = ['client', 'server'];
const push = (map, key, value) => (map.get(key) || map.set(key, []).get(key)).push(value);

/** Height of an idle gap of dt ms (below BREAK_MS), before shrinking. */
export const gapHeight = (dt) => (dt <= 0 ? 0
  : Math.max(MIN_GAP_PX, dt <= LINEAR_MS ? dt * PX_PER_MS : LINEAR_MS * PX_PER_MS + (dt - LINEAR_MS) * TAIL_PX_PER_MS));

/**
 * layoutLadder(trace, {numbers: 'absolute'|'symbolic', maxExtraSegments, maxGapsHeight}) ->
 * {width, height, top, bottom, lanes, segments, stateLabels, breaks, more, stepY}
 */
export function layoutLadder(trace, options = {}) {
  const maxExtra = options.maxExtraSegments ?? MAX_EXTRA_SEGMENTS;
  const segs = trace.segments || [];
  const steps = trace.steps || [];
  const laneIds = [...HOSTS];
  for (const sg of segs) for (const n of [sg.from, sg.to]) if (!laneIds.includes(n)) laneIds.push(n);
  const lanes = laneIds.map((id, i) => ({ id, x: MARGIN_X + (i && LANE_GAP + (i - 1) * EXTRA_LANE_GAP) }));
  const laneX = Object.fromEntries(lanes.map((l) => [l.id, l.x]));

  const stepsOf = new Map(); // segment id -> {send, arrive: [], drop}
  for (const st of steps) {
    if (st.segmentId == null) continue;
    const o = stepsOf.get(st.segmentId) || stepsOf.set(st.segmentId, { arrive: [] }).get(st.segmentId);
    if (st.kind === 'arrive') o.arrive.push(st);
    else if (st.kind === 'send' || st.kind === 'drop') o[st.kind] ??= st;
  }
  const delays = segs.filter((sg) => sg.arrivesAt != null).map((sg) => sg.arrivesAt - sg.sentAt).sort((a, b) => a - b);
  const typicalDelay = delays[delays.length >> 1] ?? 50;

  // Events: where an arrow touches a lane (or the middle, for a loss). order = the step's index.
  const events = [];
  const event = (lane, t, step, order) => {
    const ev = { lane, t, order: step?.index ?? order, slot: 0 };
    events.push(ev);
    return ev;
  };
  let extraTotal = 0;
  const plans = [];
  segs.forEach((sg, index) => {
    const extra = !HOSTS.includes(sg.from) || !HOSTS.includes(sg.to);
    if (extra && ++extraTotal > maxExtra) return;
    const o = stepsOf.get(sg.id) || { arrive: [] };
    const base = index * 4 - 1e9; // when a step is missing
    plans.push({
      sg, index, extra, o,
      sent: event(sg.from, sg.sentAt, o.send, base),
      arrive: sg.arrivesAt != null && event(sg.to, sg.arrivesAt, o.arrive[0], base + 1),
      copy: sg.copyArrivesAt != null && event(sg.to, sg.copyArrivesAt, o.arrive[1], base + 2),
      drop: sg.arrivesAt == null && event(`${sg.from}>${sg.to}`, o.drop?.at ?? sg.sentAt + Math.round(typicalDelay / 2), o.drop, base + 3),
    });
  });

  // State changes of client and server (not of SYN-flood child connections).
  const changes = steps.filter((st) => st.peer == null && HOSTS.includes(st.endpoint)
    && st.stateBefore && st.stateAfter && st.stateBefore !== st.stateAfter);
  const times = new Set([...events.map((e) => e.t), ...changes.map((st) => st.at), steps[0]?.at ?? 0, steps.at(-1)?.at ?? 0]);
  const keyTimes = [...times].sort((a, b) => a - b);
  const slots = new Map();
  for (const ev of events) push(slots, `${ev.lane}@${ev.t}`, ev);
  const thickness = new Map();
  for (const list of slots.values()) {
    list.sort((a, b) => a.order - b.order).forEach((ev, i) => { ev.slot = i; });
    thickness.set(list[0].t, Math.max(thickness.get(list[0].t) || 0, (list.length - 1) * SLOT_HEIGHT));
  }

  const gaps = keyTimes.slice(1).map((next, i) => next - keyTimes[i]);
  const natural = gaps.reduce((sum, dt) => sum + (dt > BREAK_MS ? 0 : gapHeight(dt)), 0);
  const shrink = Math.min(1, (options.maxGapsHeight ?? MAX_GAPS_HEIGHT) / natural);
  const rowY = new Map();
  const breaks = [];
  let y = HEADER_HEIGHT + TOP_PAD;
  keyTimes.forEach((t, i) => {
    rowY.set(t, y);
    y += thickness.get(t) || 0;
    const dt = gaps[i];
    if (dt > BREAK_MS) {
      breaks.push({ y1: y, y2: y + BREAK_HEIGHT, from: t, to: keyTimes[i + 1], ms: dt });
      y += BREAK_HEIGHT;
    } else if (dt) {
      y += Math.max(MIN_GAP_PX, gapHeight(dt) * shrink);
    }
  });
  for (const ev of events) ev.y = rowY.get(ev.t) + ev.slot * SLOT_HEIGHT;

  // y of every step: where its event is drawn, else the row of its time (or the last one before it).
  let k = 0;
  const stepY = steps.map((st) => {
    while (keyTimes[k + 1] <= st.at) k++;
    return rowY.get(keyTimes[k]);
  });
  for (const ev of events) if (ev.order >= 0) stepY[ev.order] = ev.y;

  const symbols = teardownSymbols(trace);
  const segments = plans.map(({ sg, index, extra, o, sent, arrive, copy, drop }) => {
    const { y: y1 } = sent;
    const { y: y2 } = arrive || drop;
    const x1 = laneX[sg.from];
    const x2 = arrive ? laneX[sg.to] : (x1 + laneX[sg.to]) / 2;
    const f = Math.min(0.5, LABEL_INSET / (Math.hypot(x2 - x1, y2 - y1) || 1));
    const angle = (Math.atan(((y2 - y1) / (x2 - x1)) || 0) * 180) / Math.PI; // upright text in both directions
    return {
      id: sg.id, from: sg.from, to: sg.to, x1, y1, x2, y2, lost: !arrive,
      copy: copy ? { x2: laneX[sg.to], y2: copy.y } : null,
      label: segmentLabel(sg, index, options.numbers, symbols),
      labelX: x1 + (x2 - x1) * f, labelY: y1 + (y2 - y1) * f,
      labelAngle: Math.round(angle * 100) / 100, labelAnchor: x2 >= x1 ? 'start' : 'end',
      fate: sg.fate, retransmission: !!sg.retransmission, injected: !!sg.injected, extra,
      sendStep: o.send?.index ?? -1,
    };
  });

  // State labels beside the lanes: the initial state at the top, then every change.
  const stateLabels = [];
  const lastY = {};
  const place = (endpoint, state, y0, stepIndex) => {
    const left = endpoint === 'client';
    lastY[endpoint] = Math.max(y0, (lastY[endpoint] ?? -1e9) + STATE_LABEL_SPACING);
    stateLabels.push({
      endpoint, state, stepIndex, y: lastY[endpoint], anchor: left ? 'end' : 'start',
      x: laneX[endpoint] + (left ? -STATE_LABEL_OFFSET : STATE_LABEL_OFFSET),
    });
  };
  for (const ep of HOSTS) {
    const first = steps.find((st) => st.peer == null && st.endpoint === ep && st.stateBefore);
    const initial = first ? first.stateBefore : steps[0]?.states?.[ep];
    if (initial) place(ep, initial, HEADER_HEIGHT + 2, -1);
  }
  for (const st of changes) place(st.endpoint, st.stateAfter, stepY[st.index], st.index);

  const extraYs = segments.filter((sg) => sg.extra).map((sg) => Math.max(sg.y1, sg.y2));
  return {
    width: lanes.at(-1).x + MARGIN_X,
    height: y + FOOTER_HEIGHT,
    top: HEADER_HEIGHT,
    bottom: y,
    lanes,
    segments,
    stateLabels,
    breaks,
    more: extraTotal > maxExtra ? { count: extraTotal - maxExtra, x: lanes[2].x, y: Math.max(...extraYs) + 22 } : null,
    stepY,
  };
}

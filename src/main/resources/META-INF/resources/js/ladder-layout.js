// Pure layout of the ladder (sequence) diagram: trace in, plain data out, in the shape of formats/LadderLayout.java's
// JSON. No DOM. Only for the traces the API does not lay out yet (issue #13): the catalogue's come laid out by it.
// formats/LadderLayout.java lays out the same way: change both (LadderLayoutBrowserTest compares them).
import { flagText, segmentLabel, teardownSymbols } from './segment-format.js';

export const MARGIN_X = 150;          // beside the outer lanes, for state labels
export const LANE_GAP = 440;          // client lane to server lane
export const EXTRA_LANE_GAP = 200;    // server to forged sources to attacker
export const EXTRA_MARGIN_X = 70;     // beside a last lane not the server's
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
export const INLINE_EXTRA = 12;       // this few segments to/from other hosts are drawn one by one;
export const BAND_MAX = 40;           // more are grouped in bands (a SYN flood), at most this many in one band,
export const BAND_HEIGHT = 34;        // drawn this high when folded,
export const BAND_HEADER = 20;        // or as a header above their arrows when unfolded,
export const BAND_PAD = 6;            // with this space above and below
export const COMPACT = { marginX: 104, laneGap: 210 }; // a narrow box (a phone): both lanes fit it

const HOSTS = ['client', 'server'];
// The trace's receiver of answers to spoofed SYNs: their forged sources, a lane of its own (RFC 4987 §2).
export const FORGED_LANE = 'forged-source';
const push = (map, key, value) => (map.get(key) || map.set(key, []).get(key)).push(value);

/** Height of an idle gap of dt ms (below BREAK_MS), before shrinking. */
export const gapHeight = (dt) => (dt <= 0 ? 0
  : Math.max(MIN_GAP_PX, dt <= LINEAR_MS ? dt * PX_PER_MS : LINEAR_MS * PX_PER_MS + (dt - LINEAR_MS) * TAIL_PX_PER_MS));

/** A state change of client or server (not of a flood's half-open entries). */
export const isStateChange = (step) => step.peer == null && HOSTS.includes(step.endpoint)
  && step.stateBefore && step.stateAfter && step.stateBefore !== step.stateAfter;

const isExtra = (sg) => !HOSTS.includes(sg.from) || !HOSTS.includes(sg.to);

/** The whole octets these IPv4 addresses share ('10.0.1.0/24'), or the one address. */
export function addressBlock(ips) {
  const [first, ...rest] = [...new Set(ips)].map((ip) => ip.split('.'));
  if (!rest.length) return first?.join('.') ?? null;
  let n = 0;
  while (rest.every((o) => o[n] === first[n])) n++;
  return `${[...first.slice(0, n), 0, 0, 0, 0].slice(0, 4).join('.')}/${n * 8}`;
}

/**
 * Segments to and from other hosts (a flood's spoofed sources) in bands: consecutive ones, never across a time
 * when the taught connection does something (anchors, sorted), at most BAND_MAX each. Few are not banded.
 */
export function bandsOf(segs, anchors) {
  const extra = segs.filter(isExtra);
  if (extra.length <= INLINE_EXTRA) return [];
  const bands = [];
  let band = null;
  let a = 0;
  for (const sg of extra) {
    let moved = false;
    while (a < anchors.length && anchors[a] <= sg.sentAt) { a++; moved = true; }
    if (!band || moved || band.segs.length >= BAND_MAX) bands.push(band = { id: bands.length, segs: [] });
    band.segs.push(sg);
  }
  return bands.map((b) => ({ ...b, t0: b.segs[0].sentAt, t1: b.segs.at(-1).sentAt }));
}

/** What a band holds: per flags and lane, how many and how many were lost. */
function bandKinds(segs) {
  const kinds = new Map();
  for (const sg of segs) {
    const [flags, to] = [flagText(sg.flags), sg.to];
    const key = `${flags}>${to}`;
    const k = kinds.get(key) || kinds.set(key, { flags, to, n: 0, lost: 0 }).get(key);
    k.n++;
    if (sg.arrivesAt == null) k.lost++;
  }
  return [...kinds.values()];
}

/**
 * layoutLadder(trace, {open: Set of band ids shown one by one, compact, maxGapsHeight}) -> {width, height, top, bottom, lanes, mainWidth, segments, stateLabels, breaks, bands, stepY}
 */
export function layoutLadder(trace, options = {}) {
  const segs = trace.segments || [];
  const steps = trace.steps || [];
  const { marginX, laneGap } = options.compact ? COMPACT : { marginX: MARGIN_X, laneGap: LANE_GAP };
  // client, server, forged sources, attacker
  const forged = segs.filter((sg) => sg.to === FORGED_LANE);
  const laneIds = [...HOSTS, ...(forged.length ? [FORGED_LANE] : [])];
  for (const sg of segs) if (!laneIds.includes(sg.from)) laneIds.push(sg.from);
  const ep = trace.endpoints || {};
  const address = (id) => (id === FORGED_LANE ? addressBlock(forged.map((sg) => sg.dst.replace(/:\d+$/, '')))
    : ep[id] ? `${ep[id].address}:${ep[id].port}` : null);
  const lanes = laneIds.map((id, i) => ({ id, x: marginX + (i && laneGap + (i - 1) * EXTRA_LANE_GAP), address: address(id) }));
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
  const dropAt = (sg, o) => o.drop?.at ?? sg.sentAt + Math.round(typicalDelay / 2);

  // State changes of client and server (not of SYN-flood child connections).
  const changes = steps.filter(isStateChange);
  // When the taught connection does something: bands never reach across these times.
  const anchorSet = new Set([...changes.map((st) => st.at), steps[0]?.at ?? 0, steps.at(-1)?.at ?? 0]);
  for (const sg of segs) {
    if (isExtra(sg)) continue;
    anchorSet.add(sg.sentAt);
    if (sg.arrivesAt != null) anchorSet.add(sg.arrivesAt);
    else anchorSet.add(dropAt(sg, stepsOf.get(sg.id) || {}));
    if (sg.copyArrivesAt != null) anchorSet.add(sg.copyArrivesAt);
  }
  const anchors = [...anchorSet].sort((a, b) => a - b);
  const bands = bandsOf(segs, anchors).map((b) => ({ ...b, open: !!options.open?.has(b.id) }));
  const folded = new Map(); // segment id -> its folded band
  for (const b of bands) if (!b.open) for (const sg of b.segs) folded.set(sg.id, b);

  // Events: where an arrow touches a lane (or the middle, for a loss). order = the step's index.
  const events = [];
  const event = (lane, t, step, order) => {
    const ev = { lane, t, order: step?.index ?? order, slot: 0 };
    events.push(ev);
    return ev;
  };
  const plans = [];
  segs.forEach((sg, index) => {
    if (folded.has(sg.id)) return;
    const o = stepsOf.get(sg.id) || { arrive: [] };
    const base = index * 4 - 1e9; // when a step is missing
    const { to } = sg;
    plans.push({
      sg, index, to, extra: isExtra(sg), o,
      sent: event(sg.from, sg.sentAt, o.send, base),
      arrive: sg.arrivesAt != null && event(to, sg.arrivesAt, o.arrive[0], base + 1),
      copy: sg.copyArrivesAt != null && event(to, sg.copyArrivesAt, o.arrive[1], base + 2),
      drop: sg.arrivesAt == null && event(`${sg.from}>${to}`, dropAt(sg, o), o.drop, base + 3),
    });
  });

  // Rows down the page: one per time with events (its events stacked in step order), one per band.
  const slots = new Map();
  for (const ev of events) push(slots, `${ev.lane}@${ev.t}`, ev);
  const thickness = new Map();
  for (const list of slots.values()) {
    list.sort((a, b) => a.order - b.order).forEach((ev, i) => { ev.slot = i; });
    thickness.set(list[0].t, Math.max(thickness.get(list[0].t) || 0, (list.length - 1) * SLOT_HEIGHT));
  }
  const times = new Set([...events.map((e) => e.t), ...anchors]);
  const rows = [...times].map((t) => ({ t, end: t, height: thickness.get(t) || 0 }));
  for (const b of bands) {
    rows.push({ t: b.t0, end: b.open ? b.t0 : b.t1, height: (b.open ? BAND_HEADER : BAND_HEIGHT) + 2 * BAND_PAD, band: b });
  }
  rows.sort((a, b) => a.t - b.t || !!a.band - !!b.band);

  const gaps = rows.slice(1).map((next, i) => Math.max(0, next.t - rows[i].end));
  const natural = gaps.reduce((sum, dt) => sum + (dt > BREAK_MS ? 0 : gapHeight(dt)), 0);
  const shrink = Math.min(1, (options.maxGapsHeight ?? MAX_GAPS_HEIGHT) / (natural || 1));
  const rowY = new Map();
  const breaks = [];
  let y = HEADER_HEIGHT + TOP_PAD;
  rows.forEach((row, i) => {
    row.y = y;
    if (row.band) Object.assign(row.band, { y1: y + BAND_PAD, y2: y + row.height - BAND_PAD });
    else rowY.set(row.t, y);
    y += row.height;
    const dt = gaps[i];
    if (dt > BREAK_MS) {
      breaks.push({ y1: y, y2: y + BREAK_HEIGHT, from: row.end, to: rows[i + 1].t, ms: dt });
      y += BREAK_HEIGHT;
    } else if (dt) {
      y += Math.max(MIN_GAP_PX, gapHeight(dt) * shrink);
    }
  });
  for (const ev of events) ev.y = rowY.get(ev.t) + ev.slot * SLOT_HEIGHT;

  // y of every step: where its event is drawn; in a folded band, in proportion to its time; else the row of
  // its time (or the last one before it). So the line of the current time is always somewhere to be seen.
  const inBand = (b, at) => b.y1 + (b.y2 - b.y1) * Math.min(1, Math.max(0, b.t1 > b.t0 ? (at - b.t0) / (b.t1 - b.t0) : 0));
  let k = 0;
  const stepY = steps.map((st) => {
    while (k + 1 < rows.length && rows[k + 1].t <= st.at) k++;
    const band = folded.get(st.segmentId);
    if (band) return inBand(band, st.at);
    let row = rows[k];
    if (row.band && !row.band.open && st.at <= row.end && (st.peer != null || st.at > row.t)) return inBand(row.band, st.at);
    for (let j = k; row.band && j > 0 && rows[j - 1].t === row.t;) row = rows[--j]; // the events' row at that time
    return row.band ? row.y : rowY.get(row.t);
  });
  for (const ev of events) if (ev.order >= 0) stepY[ev.order] = ev.y;

  const symbols = teardownSymbols(trace);
  const segments = plans.map(({ sg, index, to, extra, o, sent, arrive, copy, drop }) => {
    const { y: y1 } = sent;
    const { y: y2 } = arrive || drop;
    const x1 = laneX[sg.from];
    const x2 = arrive ? laneX[to] : (x1 + laneX[to]) / 2;
    const f = Math.min(0.5, LABEL_INSET / (Math.hypot(x2 - x1, y2 - y1) || 1));
    const angle = (Math.atan(((y2 - y1) / (x2 - x1)) || 0) * 180) / Math.PI; // upright text in both directions
    return {
      id: sg.id, from: sg.from, to, x1, y1, x2, y2, lost: !arrive,
      copyEnd: copy ? { x: laneX[to], y: copy.y } : null,
      label: segmentLabel(sg, index, 'symbolic', symbols), absoluteLabel: segmentLabel(sg, index, 'absolute', symbols),
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

  const bandSteps = (b) => {
    const ids = new Set(b.segs.map((sg) => sg.id));
    const idx = steps.filter((st) => ids.has(st.segmentId)).map((st) => st.index);
    return { firstStep: Math.min(...idx), lastStep: Math.max(...idx) };
  };
  return {
    width: lanes.at(-1).x + (lanes[2] ? EXTRA_MARGIN_X : marginX),
    mainWidth: laneX.server + marginX, // client and server lanes with their state labels
    height: y + FOOTER_HEIGHT,
    top: HEADER_HEIGHT,
    bottom: y,
    lanes,
    segments,
    stateLabels,
    breaks,
    bands: bands.map((b) => {
      const xs = b.segs.flatMap((sg) => [laneX[sg.from], laneX[sg.to]]);
      return {
        id: b.id, open: b.open, t0: b.t0, t1: b.t1, y1: b.y1, y2: b.y2, x1: Math.min(...xs), x2: lanes.at(-1).x,
        count: b.segs.length, kinds: bandKinds(b.segs), ...bandSteps(b),
      };
    }),
    stepY,
  };
}

// Pure formatting of segments, sequence numbers and times.
const FLAG_ORDER = ['SYN', 'FIN', 'RST', 'PSH', 'ACK', 'ECE', 'CWR'];
const MOD = 4294967296;
const MAX_OFFSET = 1 << 20;
const isHost = (n) => n === 'client' || n === 'server';
const rank = (f) => (FLAG_ORDER.includes(f) ? FLAG_ORDER.indexOf(f) : 9);
const sorted = (flags) => [...(flags || [])].sort((a, b) => rank(a) - rank(b));

/** A state change of client or server (not of a flood's half-open entries): the steps the ladder labels. */
export const isStateChange = (step) => step.peer == null && isHost(step.endpoint)
  && step.stateBefore && step.stateAfter && step.stateBefore !== step.stateAfter;

/** "SYN,ACK", "FIN,ACK", "PSH,ACK": flags in the material's order. */
export const flagText = (flags) => sorted(flags).join(',');

/** Flags without PSH, as a fault matches them. */
export const faultFlags = (flags) => sorted(flags).filter((f) => f !== 'PSH');

// segmentLabel and teardownSymbols have Java twins for the SVG download (formats/SegmentLabels.java,
// engine/trace/TeardownNumbers.java): change both.

/** u = the active closer's FIN seq, v = seq of the passive side's ACK of it, w = the passive FIN's seq; null without FIN. */
export function teardownSymbols(trace) {
  const segs = trace.segments || [];
  const ok = (s) => !s.injected && isHost(s.from) && isHost(s.to);
  const finIndex = segs.findIndex((s) => ok(s) && s.flags.includes('FIN'));
  if (finIndex < 0) return null;
  const fin = segs[finIndex];
  const uNext = (fin.seq + (fin.len || 0) + 1) % MOD;
  const r = { active: fin.from, passive: fin.to, u: fin.seq, v: null, w: null, finIndex, passiveFinIndex: -1 };
  segs.forEach((s, i) => {
    if (i <= finIndex || !ok(s) || s.from !== r.passive) return;
    if (r.v == null && s.ack === uNext) r.v = s.seq;
    if (r.passiveFinIndex < 0 && s.flags.includes('FIN')) Object.assign(r, { passiveFinIndex: i, w: s.seq });
  });
  return r;
}

function named(value, bases) {
  if (value == null) return null;
  for (const [base, name] of bases) {
    const d = base == null ? -1 : (value - base + MOD) % MOD;
    if (d === 0) return name;
    if (d > 0 && d < MAX_OFFSET) return `${name}+${d}`;
  }
  return null;
}

/** seq/ack as text: 32-bit numbers ('absolute') or J/K and u/v/w ('symbolic'); index in trace.segments. */
export function segmentNumbers(seg, index, mode, symbols) {
  const abs = { seq: seg.seq == null ? null : String(seg.seq), ack: seg.ack == null ? null : String(seg.ack) };
  if (mode !== 'symbolic') return abs;
  let seq = seg.seqSymbolic ?? null;
  let ack = seg.ackSymbolic ?? null;
  const y = symbols;
  if (y && index >= y.finIndex && !seg.injected && isHost(seg.from) && isHost(seg.to)) {
    const u = [[y.u, 'u']];
    const vw = [[y.v, 'v'], [y.w, 'w']];
    const wFirst = y.passiveFinIndex >= 0 && index >= y.passiveFinIndex ? [vw[1], vw[0]] : vw;
    if (seg.from === y.active) {
      seq = named(seg.seq, u) ?? seq;
      ack = named(seg.ack, wFirst) ?? ack;
    } else {
      seq = named(seg.seq, wFirst) ?? seq;
      ack = named(seg.ack, u) ?? ack;
    }
  }
  return { seq: seq ?? abs.seq, ack: seg.ack == null ? null : ack ?? abs.ack };
}

/** "SYN,ACK seq=K ack=J+1", "↻ SYN seq=J" (retransmission), "… len=100". */
export function segmentLabel(seg, index, mode, symbols) {
  const n = segmentNumbers(seg, index, mode, symbols);
  return `${seg.retransmission ? '↻ ' : ''}${flagText(seg.flags)}${n.seq != null ? ` seq=${n.seq}` : ''}`
    + `${n.ack != null ? ` ack=${n.ack}` : ''}${seg.len > 0 ? ` len=${seg.len}` : ''}`;
}

const trim = (x, digits) => String(Number(x.toFixed(digits)));

/** A duration: "950 ms", "239.9 s"; coarse: whole seconds from 10 s ("240 s"). */
export function formatDuration(ms, units = { ms: 'ms', s: 's' }, coarse = false) {
  if (Math.abs(ms) < 1000) return `${Math.round(ms)} ${units.ms}`;
  return `${trim(ms / 1000, coarse && ms >= 10000 ? 0 : 1)} ${units.s}`;
}

/** A point in virtual time: "60 ms", "1060 ms", "241.76 s". */
export function formatAt(ms, units = { ms: 'ms', s: 's' }) {
  return Math.abs(ms) < 10000 ? `${ms} ${units.ms}` : `${trim(ms / 1000, 3)} ${units.s}`;
}

// Pure formatting helpers for segments, numbers and times (no DOM).

const FLAG_ORDER = ['SYN', 'FIN', 'RST', 'PSH', 'ACK'];
const MOD = 4294967296;
const MAX_SYMBOL_OFFSET = 1 << 20;

/** Flags in the order of the lesson material: "SYN,ACK", "FIN,ACK", "PSH,ACK". */
export function flagText(flags) {
  const list = [...(flags || [])];
  list.sort((a, b) => rank(a) - rank(b));
  return list.join(',');
}
function rank(f) {
  const i = FLAG_ORDER.indexOf(f);
  return i < 0 ? FLAG_ORDER.length : i;
}

/** Flags without PSH, sorted: the key used to match faults. */
export function faultFlags(flags) {
  return (flags || []).filter((f) => f !== 'PSH').sort((a, b) => rank(a) - rank(b));
}

const isHost = (name) => name === 'client' || name === 'server';

/**
 * The teardown symbols of the material: u = the active closer's FIN seq, v = the seq of the passive
 * side's ACK of that FIN, w = the passive side's FIN seq. Null when the trace has no FIN.
 */
export function teardownSymbols(trace) {
  const segs = trace.segments || [];
  const ok = (s) => !s.injected && isHost(s.from) && isHost(s.to);
  const finIndex = segs.findIndex((s) => ok(s) && s.flags.includes('FIN'));
  if (finIndex < 0) return null;
  const fin = segs[finIndex];
  const active = fin.from;
  const passive = fin.to;
  const u = fin.seq;
  const uNext = (u + (fin.len || 0) + 1) % MOD;
  let v = null;
  let w = null;
  let passiveFinIndex = -1;
  for (let i = finIndex + 1; i < segs.length; i++) {
    const s = segs[i];
    if (!ok(s) || s.from !== passive) continue;
    if (v == null && s.ack === uNext) v = s.seq;
    if (passiveFinIndex < 0 && s.flags.includes('FIN')) {
      passiveFinIndex = i;
      w = s.seq;
    }
  }
  return { active, passive, u, v, w, finIndex, passiveFinIndex };
}

function named(value, bases) {
  if (value == null) return null;
  for (const [base, name] of bases) {
    if (base == null) continue;
    const d = (value - base + MOD) % MOD;
    if (d === 0) return name;
    if (d < MAX_SYMBOL_OFFSET) return `${name}+${d}`;
  }
  return null;
}

/**
 * seq/ack of one segment as text. mode 'absolute' gives the 32-bit numbers; 'symbolic' gives J/K
 * notation, or u/v/w for the teardown segments when the trace has a FIN.
 * index is the segment's position in trace.segments; symbols comes from teardownSymbols().
 */
export function segmentNumbers(seg, index, mode, symbols) {
  const abs = { seq: seg.seq == null ? null : String(seg.seq), ack: seg.ack == null ? null : String(seg.ack) };
  if (mode !== 'symbolic') return abs;
  let seq = seg.seqSymbolic ?? null;
  let ack = seg.ackSymbolic ?? null;
  const sy = symbols;
  if (sy && index >= sy.finIndex && !seg.injected && isHost(seg.from) && isHost(seg.to)) {
    const a = [[sy.u, 'u']];
    const afterPassiveFin = sy.passiveFinIndex >= 0 && index >= sy.passiveFinIndex;
    const vw = [[sy.v, 'v'], [sy.w, 'w']];
    const wv = [[sy.w, 'w'], [sy.v, 'v']];
    if (seg.from === sy.active) {
      seq = named(seg.seq, a) ?? seq;
      ack = named(seg.ack, afterPassiveFin && index > sy.passiveFinIndex ? wv : vw) ?? ack;
    } else {
      seq = named(seg.seq, afterPassiveFin ? wv : vw) ?? seq;
      ack = named(seg.ack, a) ?? ack;
    }
  }
  return { seq: seq ?? abs.seq, ack: seg.ack == null ? null : ack ?? abs.ack };
}

/** "SYN,ACK seq=K ack=J+1", "↻ SYN seq=1000", "PSH,ACK seq=J+1 ack=K+1 len=100". */
export function segmentLabel(seg, index, mode, symbols) {
  const n = segmentNumbers(seg, index, mode, symbols);
  let text = (seg.retransmission ? '↻ ' : '') + flagText(seg.flags);
  if (n.seq != null) text += ` seq=${n.seq}`;
  if (n.ack != null) text += ` ack=${n.ack}`;
  if (seg.len > 0) text += ` len=${seg.len}`;
  return text;
}

function trimNumber(x, digits) {
  return String(Number(x.toFixed(digits)));
}

/** A duration: "950 ms", "1.5 s", "239.9 s". units = {ms, s}. */
export function formatDuration(ms, units = { ms: 'ms', s: 's' }) {
  if (Math.abs(ms) < 1000) return `${Math.round(ms)} ${units.ms}`;
  return `${trimNumber(ms / 1000, 1)} ${units.s}`;
}

/** A point in virtual time: "60 ms", "1060 ms", "241.76 s". */
export function formatAt(ms, units = { ms: 'ms', s: 's' }) {
  if (Math.abs(ms) < 10000) return `${ms} ${units.ms}`;
  return `${trimNumber(ms / 1000, 3)} ${units.s}`;
}

/** A long gap for the ladder's breaks: "240 s", "2.5 s". */
export function formatGap(ms, units = { ms: 'ms', s: 's' }) {
  if (ms >= 10000) return `${Math.round(ms / 1000)} ${units.s}`;
  return formatDuration(ms, units);
}

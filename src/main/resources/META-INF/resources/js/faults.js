// The fault that re-runs a scenario with one segment lost, delayed, duplicated, rejected or marked CE. Pure.
import { faultFlags } from './segment-format.js';

export const FAULT_DELAY_MS = 500;
/** The ICMP a rejected segment gets: port unreachable, what a firewall's plain reject sends back. */
export const REJECT_CODE = 'port';

/** The sender's non-injected segments with these flags (PSH ignored) up to and including this one. */
export function nthOf(trace, segmentId) {
  const target = trace.segments.find((sg) => sg.id === segmentId);
  const key = String(faultFlags(target?.flags));
  let n = 0;
  for (const sg of trace.segments) {
    if (!sg.injected && sg.from === target?.from && String(faultFlags(sg.flags)) === key) n++;
    if (sg === target) return n;
  }
  return 0;
}

/**
 * {match: {from, flags, nth}, action, ms}: this segment, the n-th of its sender's with its flags; with afterMs,
 * {match: {from, flags, afterMs}, …}: every such segment sent at or after that time (a host gone silent part-way).
 * action is drop, delay, duplicate (with the delay's ms), reject (with the ICMP code) or mark-ce (a congested router's
 * CE mark, nothing more).
 */
export function buildFault(trace, segmentId, action, afterMs = null) {
  const sg = trace.segments.find((x) => x.id === segmentId);
  const which = afterMs == null ? { nth: nthOf(trace, segmentId) } : { afterMs };
  const how = { reject: { code: REJECT_CODE }, 'mark-ce': {} }[action] ?? { ms: FAULT_DELAY_MS };
  return { match: { from: sg.from, flags: faultFlags(sg.flags), ...which }, action, ...how };
}

/** A time typed as "from X ms on": a whole number of milliseconds, 0 or more, else null (the server checks the top). */
export function afterMsOf(text) {
  const value = String(text ?? '').trim();
  return /^\d+$/.test(value) ? Number(value) : null;
}

/** Writes profile and ISNs into a specification, in place. */
export function withSettings(spec, { profile, clientIsn, serverIsn }) {
  if (profile) spec.profile = profile;
  spec.params = { ...spec.params };
  if (clientIsn != null) spec.params.clientIsn = clientIsn;
  if (serverIsn != null) spec.params.serverIsn = serverIsn;
  return spec;
}

/** A copy of spec with the fault added, profile and ISNs written in. */
export const specWithFault = (spec, fault, settings) => withSettings({ ...structuredClone(spec), faults: [...(spec.faults || []), fault] }, settings);

// The fault that re-runs a scenario with one segment lost, delayed, duplicated, rejected or marked CE. Pure.
import { faultFlags } from './segment-format.js';

export const FAULT_DELAY_MS = 500;
/** The ICMP a rejected segment gets: port unreachable, what a firewall's plain reject sends back. */
export const REJECT_CODE = 'port';

/** The sender's non-injected segments with these flags (PSH ignored) up to and including this one, as the ladder shows them. */
export function nthOf(trace, segmentId) {
  const target = trace.segments.find((sg) => sg.id === segmentId);
  return target ? trace.segments.filter((sg) => sg.id <= target.id && !sg.injected && sameKind(sg, target)).length : 0;
}

const sameKind = (sg, target) => sg.from === target.from && String(faultFlags(sg.flags)) === String(faultFlags(target.flags));
const HOSTS = ['client', 'server'];

/**
 * Whether a scenario fault's match takes this segment, as the engine's FaultPolicy.matches: its sender, sent at or
 * after afterMs and before beforeMs, exactly its flags (PSH ignored; ECE and CWR only when the match names one).
 */
function matchTakes(match, sg) {
  if ((match.from != null && match.from !== sg.from) || (match.afterMs != null && sg.sentAt < match.afterMs)
    || (match.beforeMs != null && sg.sentAt >= match.beforeMs)) return false;
  if (match.flags == null) return true;
  const named = match.flags.map((f) => f.toUpperCase());
  const ignored = ['PSH', ...(named.some((f) => f === 'ECE' || f === 'CWR') ? [] : ['ECE', 'CWR'])];
  const kept = (flags) => String(flags.filter((f) => !ignored.includes(f)).sort());
  return kept(named) === kept(sg.flags);
}

/**
 * The segments a fault put after `faults` sees, in the order they were sent: those a state machine sent to a host
 * that no fault before took. Each fault counts its matches among the segments the faults before it let through, as
 * the engine's FaultPolicy does; one with a probability took a match (its nth) that was not delivered as sent.
 */
export function letThrough(trace, faults) {
  const counts = faults.map(() => 0);
  return trace.segments.filter((sg) => !sg.injected && HOSTS.includes(sg.to) && !faults.some((fault, i) => {
    if (!matchTakes(fault.match ?? {}, sg)) return false;
    counts[i]++;
    if (fault.match.nth != null && counts[i] !== fault.match.nth) return false;
    return fault.probability == null || sg.fate !== 'delivered';
  }));
}

/**
 * {match: {from, flags, nth}, action, ms}: this segment, the n-th of its sender's with its flags among those the
 * scenario's `faults` let through (the new fault goes after them), or null when one of them takes this segment; with
 * afterMs, {match: {from, flags, afterMs}, …}: every such segment sent at or after that time (a host gone silent
 * part-way). action is drop, delay, duplicate (with the delay's ms), reject (with the ICMP code) or mark-ce (a
 * congested router's CE mark, nothing more).
 */
export function buildFault(trace, segmentId, action, afterMs = null, faults = []) {
  const sg = trace.segments.find((x) => x.id === segmentId);
  const seen = afterMs == null ? letThrough(trace, faults) : null;
  if (seen && !seen.includes(sg)) return null;
  const which = afterMs == null ? { nth: seen.filter((x) => x.id <= sg.id && sameKind(x, sg)).length } : { afterMs };
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

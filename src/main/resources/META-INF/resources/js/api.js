// Calls to the Handshake Lab JSON API. Failures throw {status, detail} (detail from problem+json).
import { expandTrace } from './compact-trace.js';

async function call(url, init = {}) {
  const res = await fetch(url, { ...init, headers: { Accept: 'application/json', ...init.headers } }).catch(() => {
    throw { status: 0, detail: null };
  });
  if (res.ok) return res.json();
  const body = await res.json().catch(() => ({}));
  throw { status: res.status, detail: body.detail || body.title || `HTTP ${res.status}` };
}

const query = (params) => {
  const q = new URLSearchParams(Object.entries(params).filter(([, v]) => v != null && v !== '')).toString();
  return q ? `?${q}` : '';
};

/** GET /api/scenarios/{id}/trace with lang, profile, clientIsn, serverIsn; sent compact, given back in full. */
export const fetchTrace = (id, params = {}) => call(`/api/scenarios/${encodeURIComponent(id)}/trace${query({ ...params, form: 'compact' })}`)
  .then(expandTrace);

/** Band ids (a Set) as open= lists them. */
const bandList = (open) => [...open].sort((a, b) => a - b).join(',');

/**
 * GET /api/scenarios/{id}/ladder with profile, clientIsn, serverIsn, compact and open (a Set of band ids): the
 * trace's ladder as the server lays it out, the same in every language.
 */
export const fetchLadder = (id, { open, ...params }) => call(`/api/scenarios/${encodeURIComponent(id)}/ladder${query({
  ...params, open: bandList(open),
})}`);

/** The query of a trace asked for with its ladder ({compact, open: a Set of band ids}): ladder=wide|compact, open=. */
export const ladderQuery = ({ compact, open }) => ({ ladder: compact ? 'compact' : 'wide', open: bandList(open) });

/** POST /api/learners/me/{what}/{id}: what this learner did with a lesson or scenario (204; kept for learners of a class). */
const tellActivity = (what, id) => fetch(`/api/learners/me/${what}/${encodeURIComponent(id)}`, { method: 'POST' })
  .then((res) => {
    if (!res.ok) throw { status: res.status, detail: null };
  }, () => {
    throw { status: 0, detail: null };
  });

/** This learner stepped the catalogue scenario to its last step. */
export const postSteppedThrough = (id) => tellActivity('stepped-through', id);

/** This learner read the lesson to its end. */
export const postLessonRead = (id) => tellActivity('lessons-read', id);

/** GET /api/scenarios/{id}: the scenario specification. */
export const fetchSpec = (id) => call(`/api/scenarios/${encodeURIComponent(id)}`);

/**
 * POST /api/traces?lang= with a specification and the ladder's options ({compact, open}); answers {trace, layout}:
 * its trace (sent compact, given back in full) and its ladder.
 */
export const postTrace = (spec, lang, ladder) => call(`/api/traces${query({ lang, form: 'compact', ...ladderQuery(ladder) })}`, {
  method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(spec),
}).then((answer) => ({ trace: expandTrace(answer.trace), layout: answer.ladder }));

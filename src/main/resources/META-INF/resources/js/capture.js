// The capture page: upload a pcap or pcapng. A file with several connections gets a short, paged chooser (one
// line per connection: endpoints, outcome, segments); the chosen connection's replay is shown in the simulator
// view, with where the capture departs from the profile (Linux unless the reader switches). Switching the profile
// replays the capture against the other one; the fault menu re-runs the scenario inferred from the capture.
// The status line is the live region: it only ever says one short sentence.
import { h } from './dom.js';
import { ladderQuery } from './api.js';
import { isCompactWidth } from './ladder-view.js';
import { mountSimulator } from './simulator.js';

const PAGE_SIZE = 8;
/** Notes listed open; the rest wait behind one disclosure, so a capture with a hundred departures stays short. */
const NOTES_OPEN = 10;
const CJK = /[\u3000-\u9fff\uff00-\uffef]/;

/**
 * A message with [name] placeholders filled in. A Latin word put next to Chinese gets a space on that side, as
 * Chinese typesetting does ("与 Linux 6.x 没有不同").
 */
function fill(message, values) {
  return message.replace(/\[(\w+)\]/g, (whole, name, at, all) => {
    let value = String(values[name] ?? whole);
    if (CJK.test(all[at - 1] || '') && /^[A-Za-z0-9]/.test(value)) value = ` ${value}`;
    if (CJK.test(all[at + whole.length] || '') && /[A-Za-z0-9.]$/.test(value)) value = `${value} `;
    return value;
  });
}

/** The page's words (the capture message bundle, as the form's data attributes), as the script uses them. */
function words(d) {
  return {
    reading: d.reading,
    done: (n, departures, profile) => fill(departures === 0 ? d.doneNone : departures === 1 ? d.doneOne : d.doneMany,
      { n, d: departures, profile }),
    none: (profile) => fill(d.none, { profile }),
    moreNotes: (n) => fill(d.moreNotes, { n }),
    profiles: { linux: d.profileLinux, rfc9293: d.profileRfc9293, linuxBbr: d.profileLinuxBbr },
    several: (n) => fill(d.several, { n }),
    chooser: d.chooser, page: (p, n) => fill(d.page, { p, n }), prev: d.prev, next: d.next,
    shown: (p, n) => fill(d.shown, { p, n }),
    segments: (n) => (n === 1 ? d.segmentsOne : fill(d.segmentsMany, { n })),
    outcomes: {
      UNANSWERED: d.outcomeUnanswered, UNREACHABLE: d.outcomeUnreachable, REFUSED: d.outcomeRefused, HALF_OPEN: d.outcomeHalfOpen, ESTABLISHED: d.outcomeEstablished,
      CLOSING: d.outcomeClosing, CLOSED: d.outcomeClosed, RESET: d.outcomeReset, PARTIAL: d.outcomePartial,
    },
    failed: d.failed, unreadable: d.unreadable, tooLarge: d.tooLarge, tooMany: d.tooMany, busy: d.busy,
    noAnswer: d.noAnswer, ms: d.ms,
  };
}

/**
 * Why the upload failed, in the page's language: the API's detail is English, so only an English page shows it
 * (with the fields at fault); limits and the server's state are said in the reader's own words.
 */
function failure(text, lang, status, problem) {
  if (status === 429) return text.tooMany;
  if (status === 503) return text.busy;
  if (status === 413) return text.tooLarge;
  if (status === 0) return text.noAnswer;
  if (lang !== 'en' || !problem.detail) return text.unreadable;
  const fields = (problem.errors || []).map((e) => `${e.field}: ${e.message}`).join('; ');
  return problem.detail + (fields ? ` ${fields}` : '');
}

/** A failed request, carrying what the page says about it. */
class UploadFailed extends Error {}

for (const form of document.querySelectorAll('form.capture-upload')) {
  const lang = form.dataset.lang === 'zh' ? 'zh' : 'en';
  const text = words(form.dataset);
  const status = form.querySelector('.capture-status');
  const results = document.querySelector(form.dataset.results);

  /** The ladder a replay first shows: narrow where the results are narrower than the simulator's wide layout needs. */
  const firstLadder = () => ({ compact: isCompactWidth(results.clientWidth), open: new Set() });

  /**
   * Uploads the file again for one connection (or none: the summaries only) and one profile; the replay's ladder
   * comes with it, every band folded, narrow or wide as the results' width says, unless the simulator asks for
   * another ({compact, open}).
   */
  async function explain(body, connection, profile, ladder = firstLadder()) {
    const query = new URLSearchParams({ lang, ...ladderQuery(ladder) });
    if (connection != null) query.set('connection', connection);
    if (profile) query.set('profile', profile);
    const response = await fetch(`/api/captures/explained?${query}`, {
      method: 'POST', headers: { 'Content-Type': 'application/octet-stream', Accept: 'application/json' }, body,
    }).catch(() => null);
    if (!response || !response.ok) {
      const problem = response ? await response.json().catch(() => ({})) : {};
      throw new UploadFailed(text.failed + failure(text, lang, response ? response.status : 0, problem));
    }
    return { ...(await response.json()), compact: ladder.compact }; // which layout its ladder has
  }

  /**
   * The departures from the profile and the timer races (the other order of two events at one moment, no
   * departure), listed outside the live region; the status counts the departures, and names BBR when the replay
   * chose it for the capture's senders (the inferred scenario's congestionControl).
   */
  function showNotes(list, trace, scenario) {
    const bbr = trace.profile === 'linux' && scenario?.params?.congestionControl === 'bbr';
    const profile = bbr ? text.profiles.linuxBbr : text.profiles[trace.profile] || trace.profile;
    const notes = trace.steps.filter((step) => step.kind === 'deviation' || step.kind === 'race');
    const departures = notes.filter((step) => step.kind === 'deviation').length;
    status.textContent = text.done(trace.segments.length, departures, profile);
    // A departure names its own moment (the replay tells it only after waiting for the profile to send the same);
    // a race is told at its moment.
    const item = (note) => h('li', { text: note.kind === 'deviation' ? note.text : `${note.at} ${text.ms} · ${note.text}` });
    const rest = notes.slice(NOTES_OPEN);
    list.replaceChildren(...(notes.length
      ? notes.slice(0, NOTES_OPEN).map(item)
      : [h('li', { text: text.none(profile) })]));
    if (rest.length) {
      list.append(h('li.capture-more', h('details', h('summary', { text: text.moreNotes(rest.length) }),
        h('ul.capture-notes', ...rest.map(item)))));
    }
  }

  function showConnection(body, answer, chooser) {
    const list = h('ul.capture-notes');
    const section = h('section.simulator', { 'aria-label': answer.trace.title });
    Object.assign(section.dataset, { lang, scenario: 'capture', profile: answer.trace.profile });
    section.hlPreloaded = { trace: answer.trace, layout: answer.ladder, compact: answer.compact };
    section.hlScenario = answer.scenario;
    // The profile switch replays the capture against the other profile: new departures, new trace. So does another
    // layout of its ladder (a band opened, a narrow box): the replay is laid out where it is made.
    section.hlReplay = async (profile, ladder) => {
      const again = await explain(body, answer.connection, profile, ladder);
      section.hlPreloaded = { trace: again.trace, layout: again.ladder, compact: again.compact };
      showNotes(list, again.trace, again.scenario);
      return section.hlPreloaded;
    };
    showNotes(list, answer.trace, answer.scenario);
    results.replaceChildren(...[chooser, list, section].filter(Boolean));
    mountSimulator(section);
  }

  /** A paged list of the file's connections; choosing one replays it below the list. */
  function chooserFor(body, connections) {
    const pages = Math.ceil(connections.length / PAGE_SIZE);
    let page = 0;
    const items = h('ol.capture-connections');
    const label = h('span.capture-page');
    const prev = h('button.capture-prev', { type: 'button', text: text.prev });
    const next = h('button.capture-next', { type: 'button', text: text.next });
    const nav = h('p.capture-pager', prev, label, next);
    const chooser = h('nav.capture-chooser', { 'aria-label': text.chooser }, h('h2', { text: text.chooser }), items, nav);
    const show = (p, announce) => {
      page = p;
      const shown = connections.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
      items.start = page * PAGE_SIZE + 1;
      items.replaceChildren(...shown.map((c) => h('li', h('button.capture-choose', {
        type: 'button', 'data-connection': c.index,
        text: `${c.client} → ${c.server} · ${text.outcomes[c.outcome] || c.outcome} · ${text.segments(c.segments)}`,
      }))));
      label.textContent = text.page(page + 1, pages);
      prev.disabled = page === 0;
      next.disabled = page >= pages - 1;
      if (announce) status.textContent = text.shown(page + 1, pages);
    };
    prev.onclick = () => show(page - 1, true);
    next.onclick = () => show(page + 1, true);
    items.onclick = async (event) => {
      const button = event.target.closest('button[data-connection]');
      if (!button) return;
      status.textContent = text.reading;
      try {
        showConnection(body, await explain(body, +button.dataset.connection, null), chooser);
      } catch (e) {
        status.textContent = e instanceof UploadFailed ? e.message : text.failed + text.noAnswer;
      }
    };
    show(0, false);
    return chooser;
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const file = form.querySelector('input[type=file]').files[0];
    if (!file) return;
    status.textContent = text.reading;
    try {
      const body = await file.arrayBuffer();
      const answer = await explain(body, null, null);
      if (answer.trace) {
        showConnection(body, answer, null);
      } else {
        status.textContent = text.several(answer.connections.length);
        results.replaceChildren(chooserFor(body, answer.connections));
      }
    } catch (e) {
      status.textContent = e instanceof UploadFailed ? e.message : text.failed + text.noAnswer;
    }
  });
  // The page's button waits for this script (which waits for the simulator's words): now a click is ours.
  form.querySelector('button[type=submit]').disabled = false;
}

// The capture page: upload a pcap or pcapng. A file with several connections gets a short, paged chooser (one
// line per connection: endpoints, outcome, segments); the chosen connection's replay is shown in the simulator
// view, with where the capture departs from the profile (Linux unless the reader switches). Switching the profile
// replays the capture against the other one; the fault menu re-runs the scenario inferred from the capture.
// The status line is the live region: it only ever says one short sentence.
import { h } from './dom.js';
import { mountSimulator } from './simulator.js';

const PAGE_SIZE = 8;
const TEXT = {
  en: {
    reading: 'Reading the capture…',
    done: (n, d, profile) => `Rebuilt ${n} segments; ${d === 0 ? 'no' : d} departure${d === 1 ? '' : 's'} from ${profile}.`,
    none: (profile) => `The capture does nothing ${profile} would not do.`,
    profiles: { linux: 'Linux 6.x', rfc9293: 'a textbook RFC 9293 endpoint' },
    several: (n) => `The capture holds ${n} connections; choose one.`,
    chooser: 'Connections in the capture', page: (p, n) => `Page ${p} of ${n}`, prev: 'Previous', next: 'Next',
    shown: (p, n) => `Page ${p} of ${n} of the connections.`,
    segments: (n) => (n === 1 ? '1 segment' : `${n} segments`),
    outcomes: {
      UNANSWERED: 'no answer', REFUSED: 'refused', HALF_OPEN: 'half-open (a SYN flood entry)', ESTABLISHED: 'established',
      CLOSING: 'closing', CLOSED: 'closed', RESET: 'reset', PARTIAL: 'begins after the handshake',
    },
    failed: 'The capture could not be read: ',
    unreadable: 'it is not a pcap or pcapng file this page can read.', tooLarge: 'the file is larger than 256 KB.',
    tooMany: 'you have uploaded too many captures; wait a minute and try again.',
    busy: 'the server is running too many simulations right now; try again in a moment.',
    noAnswer: 'the server did not answer.', ms: 'ms',
  },
  zh: {
    reading: '正在读取抓包文件……',
    done: (n, d, profile) => (d ? `已重建 ${n} 个报文段；与${profile}有 ${d} 处不同。` : `已重建 ${n} 个报文段；与${profile}没有不同。`),
    none: (profile) => `抓包中没有${profile}不会做的事。`,
    profiles: { linux: ' Linux 6.x ', rfc9293: '教科书式的 RFC 9293 端点' },
    several: (n) => `抓包文件包含 ${n} 个连接，请选择一个。`,
    chooser: '抓包中的连接', page: (p, n) => `第 ${p} 页，共 ${n} 页`, prev: '上一页', next: '下一页',
    shown: (p, n) => `连接列表第 ${p} 页，共 ${n} 页。`,
    segments: (n) => `${n} 个报文段`,
    outcomes: {
      UNANSWERED: '无应答', REFUSED: '被拒绝', HALF_OPEN: '半开（SYN 洪泛条目）', ESTABLISHED: '已建立',
      CLOSING: '正在关闭', CLOSED: '已关闭', RESET: '被重置', PARTIAL: '从握手之后开始',
    },
    failed: '无法读取抓包文件：',
    unreadable: '这不是本页能读取的 pcap 或 pcapng 文件。', tooLarge: '文件超过 256 KB。',
    tooMany: '你上传的抓包文件太多了，请等一分钟再试。', busy: '服务器当前正在运行的模拟太多，请稍后再试。',
    noAnswer: '服务器没有响应。', ms: '毫秒',
  },
};

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
  const text = TEXT[lang];
  const status = form.querySelector('.capture-status');
  const results = document.querySelector(form.dataset.results);

  /** Uploads the file again for one connection (or none: the summaries only) and one profile. */
  async function explain(body, connection, profile) {
    const query = new URLSearchParams({ lang });
    if (connection != null) query.set('connection', connection);
    if (profile) query.set('profile', profile);
    const response = await fetch(`/api/captures/explained?${query}`, {
      method: 'POST', headers: { 'Content-Type': 'application/octet-stream', Accept: 'application/json' }, body,
    }).catch(() => null);
    if (!response || !response.ok) {
      const problem = response ? await response.json().catch(() => ({})) : {};
      throw new UploadFailed(text.failed + failure(text, lang, response ? response.status : 0, problem));
    }
    return response.json();
  }

  /**
   * The departures from the profile and the timer races (the other order of two events at one moment, no
   * departure), listed outside the live region; the status counts the departures.
   */
  function showNotes(list, trace) {
    const profile = text.profiles[trace.profile] || trace.profile;
    const notes = trace.steps.filter((step) => step.kind === 'deviation' || step.kind === 'race');
    const departures = notes.filter((step) => step.kind === 'deviation').length;
    status.textContent = text.done(trace.segments.length, departures, profile);
    list.replaceChildren(...(notes.length
      ? notes.map((note) => h('li', { text: `${note.at} ${text.ms} · ${note.text}` }))
      : [h('li', { text: text.none(profile) })]));
  }

  function showConnection(body, answer, chooser) {
    const list = h('ul.capture-notes');
    const section = h('section.simulator', { 'aria-label': answer.trace.title });
    Object.assign(section.dataset, { lang, scenario: 'capture', profile: answer.trace.profile });
    section.hlPreloaded = answer.trace;
    section.hlScenario = answer.scenario;
    // The profile switch replays the capture against the other profile: new departures, new trace.
    section.hlReplay = async (profile) => {
      const again = await explain(body, answer.connection, profile);
      section.hlPreloaded = again.trace;
      showNotes(list, again.trace);
      return again.trace;
    };
    showNotes(list, answer.trace);
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
}

// The capture page: upload a pcap or pcapng, show the engine's rebuilt trace in the simulator view and list
// where the captured stack did something a textbook endpoint would not.
import { mountSimulator } from './simulator.js';

const TEXT = {
  en: { reading: 'Reading the capture…', done: (n, d) => `Rebuilt ${n} segments; ${d} differences from RFC 9293.`,
    none: 'No difference from a textbook RFC 9293 endpoint.', failed: 'The capture could not be read: ',
    unreadable: 'it is not a pcap or pcapng file this page can read.', tooLarge: 'the file is larger than 256 KB.',
    tooMany: 'you have uploaded too many captures; wait a minute and try again.',
    busy: 'the server is running too many simulations right now; try again in a moment.',
    noAnswer: 'the server did not answer.', ms: 'ms' },
  zh: { reading: '正在读取抓包文件……', done: (n, d) => `已重建 ${n} 个报文段；与 RFC 9293 有 ${d} 处不同。`,
    none: '与教科书式的 RFC 9293 端点没有不同。', failed: '无法读取抓包文件：',
    unreadable: '这不是本页能读取的 pcap 或 pcapng 文件。', tooLarge: '文件超过 256 KB。',
    tooMany: '你上传的抓包文件太多了，请等一分钟再试。', busy: '服务器当前正在运行的模拟太多，请稍后再试。',
    noAnswer: '服务器没有响应。', ms: '毫秒' },
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

for (const form of document.querySelectorAll('form.capture-upload')) {
  const lang = form.dataset.lang === 'zh' ? 'zh' : 'en';
  const text = TEXT[lang];
  const status = form.querySelector('.capture-status');
  const results = document.querySelector(form.dataset.results);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const file = form.querySelector('input[type=file]').files[0];
    if (!file) return;
    const connection = form.querySelector('input[name=connection]').value;
    status.textContent = text.reading;
    const query = new URLSearchParams({ lang });
    if (connection !== '') query.set('connection', connection);
    const response = await fetch(`/api/captures?${query}`, {
      method: 'POST', headers: { 'Content-Type': 'application/octet-stream', Accept: 'application/json' },
      body: await file.arrayBuffer(),
    }).catch(() => null);
    if (!response || !response.ok) {
      const problem = response ? await response.json().catch(() => ({})) : {};
      status.textContent = text.failed + failure(text, lang, response ? response.status : 0, problem);
      return;
    }
    const body = await response.json();
    const notes = body.steps.filter((step) => step.kind === 'deviation');
    status.textContent = text.done(body.segments.length, notes.length);
    const list = document.createElement('ul');
    list.className = 'capture-notes';
    for (const note of notes) {
      const item = document.createElement('li');
      item.textContent = `${note.at} ${text.ms} · ${note.text}`;
      list.append(item);
    }
    if (!notes.length) {
      const item = document.createElement('li');
      item.textContent = text.none;
      list.append(item);
    }
    const section = document.createElement('section');
    section.className = 'simulator';
    section.dataset.lang = lang;
    section.dataset.scenario = 'capture';
    section.setAttribute('aria-label', body.title);
    section.hlPreloaded = body;
    results.replaceChildren(list, section);
    mountSimulator(section);
  });
}

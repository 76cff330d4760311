// The capture page: upload a pcap or pcapng, show the engine's rebuilt trace in the simulator view and list
// where the captured stack did something a textbook endpoint would not.
import { mountSimulator } from './simulator.js';

const TEXT = {
  en: { reading: 'Reading the capture…', done: (n, d) => `Rebuilt ${n} segments; ${d} differences from RFC 9293.`,
    none: 'No difference from a textbook RFC 9293 endpoint.', failed: 'The capture could not be read: ' },
  zh: { reading: '正在读取抓包文件……', done: (n, d) => `已重建 ${n} 个报文段；与 RFC 9293 有 ${d} 处不同。`,
    none: '与教科书式的 RFC 9293 端点没有不同。', failed: '无法读取抓包文件：' },
};

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
      method: 'POST', headers: { 'Content-Type': 'application/octet-stream' }, body: await file.arrayBuffer(),
    });
    const body = await response.json();
    if (!response.ok) {
      const choices = (body.errors || []).map((e) => `${e.field}: ${e.message}`).join('; ');
      status.textContent = text.failed + body.detail + (choices ? ` ${choices}` : '');
      return;
    }
    const notes = body.steps.filter((step) => step.kind === 'deviation');
    status.textContent = text.done(body.segments.length, notes.length);
    const list = document.createElement('ul');
    list.className = 'capture-notes';
    for (const note of notes) {
      const item = document.createElement('li');
      item.textContent = `${note.at} ms · ${note.text}`;
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

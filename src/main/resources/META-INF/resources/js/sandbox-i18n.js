// Strings of the sandbox: key -> [English, Chinese]; anything else comes from i18n.js.
import { createT } from './i18n.js';

const MESSAGES = {
  sandbox: ['Sandbox controls', '沙盒控制'],
  advance: ['Advance to next event', '推进到下一个事件'],
  undo: ['Undo', '撤销'],
  share: ['Copy share link', '复制分享链接'],
  shareLink: ['Share link', '分享链接'],
  copied: ['Link copied', '链接已复制'],
  copyFailed: ['Could not copy: the link is selected below.', '无法自动复制：链接已在下方选中。'],
  clock: ['Virtual time: {now}', '虚拟时间：{now}'],
  next: ['next event at {at}', '下一个事件：{at}'],
  nothingNext: ['nothing scheduled', '没有待发生的事件'],
  mode: ['Mode: {mode}', '模式：{mode}'],
  'mode.manual': ['manual, you decide what happens to each segment', '手动，由你决定每个报文段的去向'],
  'mode.auto': ['automatic, the network delivers every segment', '自动，网络会送达每个报文段'],
  help: ['Keys, when not typing in a field: A advance, U undo; Tab moves between controls.', '快捷键（不在输入框中时）：A 推进，U 撤销；Tab 在控件间移动。'],
  calls: ['{ep}: application calls', '{ep}：应用程序调用'],
  bytes: ['bytes', '字节数'],
  bytesLabel: ['Bytes for send() or read() by the {ep}', '{ep} send() 或 read() 的字节数'],
  readsOnCall: ['reads only when it calls read()', '只在调用 read() 时读取'],
  readsHint: ['Received data waits, filling the window, until read(); set it before the first move (changing it starts a new session).', '收到的数据会一直等待并占用窗口，直到调用 read()；请在第一步之前设置（更改会开始一个新会话）。'],
  badBytes: ['send() and read() need a whole number of bytes from 1 to 65535.', 'send() 和 read() 的字节数必须是 1 到 65535 之间的整数。'],
  notNow: ['{call} is not possible now: the {ep} is in {state}.', '现在不能调用 {call}：{ep}处于 {state}。'],
  'hint.listen': ['Passive OPEN: wait for a connection', '被动打开：等待连接'],
  'hint.connect': ['Active OPEN: send a SYN', '主动打开：发送 SYN'],
  'hint.send': ['Send this many bytes of data', '发送指定字节数的数据'],
  'hint.read': ['Read up to this many received bytes (only when this host reads on its own calls)', '读取最多这么多已接收的字节（仅当本端只在调用时读取）'],
  'hint.shutdown': ['Half-close: stop sending (FIN) but keep receiving', '半关闭：停止发送（发 FIN），但继续接收'],
  'hint.close': ['Close the connection: send a FIN', '关闭连接：发送 FIN'],
  'hint.abort': ['Abort: send a RST and drop the connection', '中止：发送 RST 并丢弃连接'],
  'call.crash': ['crash', '崩溃'],
  'hint.crash': ['The host crashes and forgets every connection, sending nothing', '主机崩溃，忘记所有连接，不发送任何报文段'],
  inFlight: ['Segments in flight', '在途报文段'],
  flightCount: [' ({n})', '（{n} 个）'],
  noneInFlight: ['No segment is waiting in the network.', '网络中没有等待处理的报文段。'],
  autoHint: ['Automatic mode: the network delivers every segment itself, so this list is usually empty.', '自动模式：网络会自行送达每个报文段，所以这里通常为空。'],
  manualHint: ['Decide what the network does with each segment.', '决定网络如何处理每个报文段。'],
  route: ['{from} → {to}', '{from} → {to}'],
  timing: ['(sent at {sent}, due at {due})', '（发送于 {sent}，预计 {due}到达）'],
  'do.deliver': ['Deliver', '送达'],
  'do.drop': ['Drop', '丢弃'],
  'do.duplicate': ['Duplicate', '复制'],
  'do.delay': ['Delay ({ms} ms)', '延迟（{ms} 毫秒）'],
  scheduled: ['On their way by themselves', '正在自行传送'],
  scheduledRow: ['Segment {id} ({label}), {route}: arrives at {at}', '报文段 {id}（{label}），{route}：{at} 到达'],
  inFlightFate: ['in flight', '在途'],
  segInfo: ['Segment {id}: {label}, {fate}.', '报文段 {id}：{label}，{fate}。'],
  log: ['Step log, newest move first', '步骤记录（最新的操作在最上面）'],
  logStart: ['Before your first move', '第一次操作之前'],
  logLoaded: ['Earlier in this session', '此前的会话记录'],
  logMove: ['Move {n}: {move}', '第 {n} 步操作：{move}'],
  logEmpty: ['Nothing yet: try listen() on the server, then connect() on the client.', '还没有任何事件：先在服务器上调用 listen()，再在客户端上调用 connect()。'],
  noNewSteps: ['{move}: nothing happened.', '{move}：没有发生任何事情。'],
  'move.call': ['{ep}: {call}', '{ep}：{call}'],
  'move.deliver': ['Deliver segment {segment}', '送达报文段 {segment}'],
  'move.drop': ['Drop segment {segment}', '丢弃报文段 {segment}'],
  'move.duplicate': ['Duplicate segment {segment}', '复制报文段 {segment}'],
  'move.delay': ['Delay segment {segment} by {ms} ms', '将报文段 {segment} 延迟 {ms} 毫秒'],
  'move.advance': ['Advance to the next event', '推进到下一个事件'],
  undone: ['Undone: {move}. Virtual time: {now}.', '已撤销：{move}。虚拟时间：{now}。'],
  newSandbox: ['Start a new sandbox', '新建一个沙盒'],
  loadFailed: ['The sandbox could not be loaded: {detail}', '无法加载沙盒：{detail}'],
  watching: ['You are watching a session someone else started: only they can make moves or undo them. Make your own copy to continue it yourself.',
    '你正在观看别人创建的会话：只有创建者可以操作或撤销。复制一份自己的，就可以自己继续。'],
  copy: ['Make my own copy', '复制一份我自己的'],
};

const DICTS = [0, 1].map((i) => Object.fromEntries(Object.entries(MESSAGES).map(([k, v]) => [k, v[i] ?? v[0]])));

/** t(key, params, fallback) over the sandbox strings, then those of i18n.js. */
export function createSandboxT(lang) {
  const dict = DICTS[lang === 'zh' ? 1 : 0];
  const base = createT(lang);
  return (key, params, fallback) => {
    if (!(key in dict)) return base(key, params, fallback);
    return params ? dict[key].replace(/\{(\w+)\}/g, (m, name) => params[name] ?? m) : dict[key];
  };
}

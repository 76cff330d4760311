// Every string of the simulator UI: key -> [English, Chinese] (Chinese falls back to English).
export const MESSAGES = {
  first: ['First step', '第一步'],
  prev: ['Previous step', '上一步'],
  next: ['Next step', '下一步'],
  last: ['Last step', '最后一步'],
  play: ['Play', '播放'],
  pause: ['Pause', '暂停'],
  speed: ['Speed', '速度'],
  prevShort: ['Previous', '上一步'],
  nextShort: ['Next', '下一步'],
  counter: ['Step {n} / {total}', '第 {n} 步 / 共 {total} 步'],
  symbolic: ['Symbolic numbers (J, K, u, v, w)', '符号序号（J、K、u、v、w）'],
  profile: ['Profile', '协议栈'],
  clientIsn: ['Client ISN', '客户端 ISN'],
  serverIsn: ['Server ISN', '服务器 ISN'],
  playback: ['Playback', '播放控制'],
  options: ['Simulation options', '模拟选项'],
  loadFailed: ['The simulation could not be run: {detail}', '无法运行模拟：{detail}'],
  noAnswer: ['the server did not answer.', '服务器没有响应。'],
  busy: ['the server is running too many simulations right now; try again in a moment.', '服务器当前正在运行的模拟太多，请稍后再试。'],
  tooMany: ['you have asked for too many simulations; wait a minute and try again.', '你请求的模拟太多了，请等一分钟再试。'],
  ladderTitle: ['Sequence diagram, time flows down', '时序图（时间自上而下）'],
  diagramTitle: ['TCP state diagram (RFC 9293)', 'TCP 状态转换图（RFC 9293）'],
  diagramTaken: ['Last transition, {ep}: {from} → {to}', '刚发生的转换，{ep}：{from} → {to}'],
  'ep.client': ['Client', '客户端'],
  'ep.server': ['Server', '服务器'],
  'ep.attacker': ['Attacker', '攻击者'],
  'ep.network': ['Network', '网络'],
  the: ['the {ep}', '{ep}'],
  'badge.client': ['C'],
  'badge.server': ['S'],
  gap: ['… {time} …'],
  more: ['+{n} more', '另有 {n} 个'],
  unitMs: ['ms', '毫秒'],
  unitS: ['s', '秒'],
  segAria: ['Segment {id}, {from} to {to}: {label}, {fate}', '报文段 {id}，{from} → {to}：{label}，{fate}'],
  'fate.delivered': ['delivered', '已送达'],
  'fate.lost': ['lost', '丢失'],
  'fate.duplicated': ['duplicated', '被复制'],
  'fate.held': ['held', '被扣留'],
  'fate.delayed': ['delayed', '被延迟'],
  retransmission: ['retransmission', '重传'],
  injected: ['injected', '注入'],
  state: ['State', '状态'],
  timers: ['Timers', '计时器'],
  noTimers: ['no timer running', '没有运行中的计时器'],
  timerLeft: ['{kind} {time} left', '{kind}：剩余 {time}'],
  synQueue: ['SYN queue: {n} half-open', 'SYN 队列：{n} 个半连接'],
  'timer.retransmission': ['retransmission', '重传'],
  'timer.time-wait': ['TIME-WAIT'],
  'timer.fin-wait-2': ['FIN-WAIT-2'],
  'timer.delayed-ack': ['delayed ACK', '延迟确认'],
  'timer.keepalive': ['keep-alive', '保活'],
  inspector: ['Inspector', '报文段详情'],
  segmentN: ['Segment {id}', '报文段 {id}'],
  noSegment: ['No segment in this step; select one in the diagram.', '本步骤没有报文段，可在时序图中点选。'],
  flags: ['Flags', '标志位'],
  seq: ['Seq', '序号'],
  ack: ['Ack', '确认号'],
  len: ['Len', '数据长度'],
  window: ['Window', '窗口'],
  symbolicForm: ['Symbolic', '符号形式'],
  route: ['From → to', '方向'],
  sentAt: ['Sent at', '发送时间'],
  arrivesAt: ['Arrives at', '到达时间'],
  copyArrivesAt: ['Copy arrives at', '副本到达时间'],
  never: ['never', '不会到达'],
  fate: ['Fate', '结果'],
  rule: ['Rule', '依据'],
  thisStep: ['This step', '本步骤'],
  menuLabel: ['What should the network do with segment {id}?', '网络应如何处理报文段 {id}？'],
  drop: ['Lose this segment', '丢弃该报文段'],
  delay: ['Delay by 500 ms', '延迟 500 毫秒'],
  duplicate: ['Duplicate it', '复制该报文段'],
  cancel: ['Cancel', '取消'],
  injectedNoFault: ['Injected segments cannot be changed.', '注入的报文段无法修改。'],
  'rerun.drop': ['Re-run with segment {id} lost', '已重新运行：报文段 {id} 丢失'],
  'rerun.delay': ['Re-run with segment {id} delayed by 500 ms', '已重新运行：报文段 {id} 延迟 500 毫秒'],
  'rerun.duplicate': ['Re-run with segment {id} duplicated', '已重新运行：报文段 {id} 被复制'],
  labelValue: ['{label}: {value}', '{label}：{value}'],
  sep: ['. ', '。'],
  reset: ['Reset', '重置'],
  announce: ['Step {n} of {total}, {time}: {summary}', '第 {n} 步（共 {total} 步），{time}：{summary}'],
  stateChange: ['{ep}: {from} → {to}.', '{ep}：{from} → {to}。'],
  'sum.call': ['{The} calls {detail}.', '{The}调用 {detail}。'],
  'sum.send': ['{The} sends {flags}.', '{The}发送 {flags}。'],
  'sum.arrive': ['{flags} arrives at {the}.', '{flags} 到达{the}。'],
  'sum.drop': ['The network loses {flags}.', '网络丢失了 {flags}。'],
  'sum.discard': ['{The} discards a segment.', '{The}丢弃了一个报文段。'],
  'sum.state': ['{The} changes state.', '{The}的状态发生变化。'],
  'sum.timer-armed': ['{The} starts its {timer} timer.', '{The}启动{timer}计时器。'],
  'sum.timer-cancelled': ['{The} stops its {timer} timer.', '{The}停止{timer}计时器。'],
  'sum.timer-fired': ['The {timer} timer of {the} expires.', '{the}的{timer}计时器超时。'],
  'tr.passiveOpen': ['passive OPEN', '被动打开'],
  'tr.activeOpen': ['active OPEN / snd SYN', '主动打开 / 发 SYN'],
  'tr.close': ['CLOSE', '关闭'],
  'tr.closeOrSynTimeout': ['CLOSE / or timeout', '关闭 / 或超时'],
  'tr.send': ['SEND / snd SYN', '发送数据 / 发 SYN'],
  'tr.synSynAck': ['rcv SYN / snd SYN,ACK', '收 SYN / 发 SYN,ACK'],
  'tr.synAckAck': ['rcv SYN,ACK / snd ACK', '收 SYN,ACK / 发 ACK'],
  'tr.ackOfSyn': ['rcv ACK of SYN', '收到对 SYN 的 ACK'],
  'tr.rst': ['rcv RST', '收 RST'],
  'tr.closeFin': ['CLOSE / snd FIN', '关闭 / 发 FIN'],
  'tr.finAck': ['rcv FIN / snd ACK', '收 FIN / 发 ACK'],
  'tr.ackOfFin': ['rcv ACK of FIN', '收到对 FIN 的 ACK'],
  'tr.finAckAck': ['rcv FIN,ACK / snd ACK', '收 FIN,ACK / 发 ACK'],
  'tr.timeout': ['timeout 2MSL', '超时 2MSL'],
  'tr.rstAny': ['RST'],
  'tr.cookie': ['rcv ACK (SYN cookie)', '收 ACK（SYN cookie）'],
};

const pick = (i) => Object.fromEntries(Object.entries(MESSAGES).map(([k, v]) => [k, v[i] ?? v[0]]));

/** The en and zh dictionaries: key -> text. */
export const DICTIONARIES = { en: pick(0), zh: pick(1) };

/** A translator for one language: t(key, params, fallback) with {name} placeholders. */
export function createT(lang) {
  const dict = DICTIONARIES[lang] || DICTIONARIES.en;
  return (key, params, fallback) => {
    const text = dict[key] ?? fallback ?? key;
    return params ? text.replace(/\{(\w+)\}/g, (m, name) => params[name] ?? m) : text;
  };
}

/** Why a request failed, in the reader's language where the server's words are not (503 busy, 429 too many). */
export function failureText(t, failure) {
  if (failure.status === 503) return t('busy');
  if (failure.status === 429) return t('tooMany');
  return failure.detail || t('noAnswer');
}

/** The language of a simulator: "zh" or "en". */
export const pickLang = (value) => (String(value || '').toLowerCase().startsWith('zh') ? 'zh' : 'en');

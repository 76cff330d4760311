// Draws a layout of ladder-layout.js as SVG and highlights the current step.
import { s } from './dom.js';
import { formatDuration } from './segment-format.js';
import { FORGED_LANE } from './ladder-layout.js';

const ARROW_LENGTH = 9;
const ARROW_HALF_WIDTH = 4.5;
const LOST_MARK = 6;
const LABEL_LIFT = -5;
const LANE_TITLE_Y = 26;
const BREAK_INSET = 8;

/** Points of an arrowhead at (x2, y2) pointing away from (x1, y1). */
export function arrowHead(x1, y1, x2, y2, length = ARROW_LENGTH, half = ARROW_HALF_WIDTH) {
  const d = Math.hypot(x2 - x1, y2 - y1) || 1;
  const [ux, uy] = [(x2 - x1) / d, (y2 - y1) / d];
  const [bx, by] = [x2 - ux * length, y2 - uy * length];
  return [x2, y2, bx - uy * half, by + ux * half, bx + uy * half, by - ux * half].map((n) => n.toFixed(1)).join(' ');
}

const BAND_TEXT_X = 10;
const MIN_SCALE = 0.6; // narrower than this, the box shows client and server and scrolls to other lanes

/**
 * createLadderView(host, {t, onActivate(segmentId, element), onBand(bandId)}) ->
 * {render(layout), setStep(index, info), stepOffset(index)}
 */
export function createLadderView(host, { t, onActivate, onBand }) {
  const svg = s('svg.hl-ladder', { role: 'group', 'aria-label': t('ladderTitle') });
  host.append(svg);
  let layout;
  let segEls = [];
  let bandEls = [];
  let stateEls = [];
  let nowLine;
  let nowText;
  const activate = (e) => {
    const g = e.target.closest('[data-segment-id], [data-band]');
    if (!g || (e.key && e.key !== 'Enter' && e.key !== ' ')) return;
    e.preventDefault();
    e.stopPropagation();
    if (g.dataset.band) onBand?.(+g.dataset.band);
    else onActivate(+g.dataset.segmentId, g);
  };
  svg.addEventListener('click', activate);
  svg.addEventListener('keydown', activate);

  /** The drawing's width: every lane if that is not too small, else client and server filling the box. */
  function fit() {
    if (!layout) return;
    const box = host.clientWidth || layout.width;
    const all = box / layout.width;
    const k = Math.min(1, all >= MIN_SCALE ? all : Math.max(all, box / layout.mainWidth));
    svg.style.width = `${Math.floor(layout.width * k)}px`;
  }
  new ResizeObserver(fit).observe(host);

  function render(lay) {
    layout = lay;
    svg.replaceChildren();
    svg.setAttribute('viewBox', `0 0 ${lay.width} ${lay.height}`);
    fit();
    const lanes = lay.lanes;
    for (const { id, x, address } of lanes) {
      const line = (y1, y2) => s(`line.hl-lane.hl-ep-${id}`, { x1: x, x2: x, y1, y2 });
      let y0 = lay.top;
      for (const b of lay.breaks) {
        svg.append(line(y0, b.y1 + BREAK_INSET), s('line.hl-break', { x1: x, x2: x, y1: b.y1 + BREAK_INSET, y2: b.y2 - BREAK_INSET }));
        y0 = b.y2 - BREAK_INSET;
      }
      svg.append(line(y0, lay.bottom + 16), s(`text.hl-lane-title.hl-ep-${id}`, { x, y: LANE_TITLE_Y, 'text-anchor': 'middle' },
        s('tspan', { x, text: t(`ep.${id}`, null, id) }),
        address && s('tspan.hl-lane-addr', { x, dy: 16, text: address }),
        id === FORGED_LANE && s('tspan.hl-lane-addr', { x, dy: 16, text: t('ep.forgedNote') })));
    }
    for (const b of lay.breaks) {
      svg.append(s('text.hl-break-label', {
        x: (lanes[0].x + lanes[1].x) / 2, y: (b.y1 + b.y2) / 2 + 4, 'text-anchor': 'middle', 'data-ms': b.ms,
        text: t('gap', { time: formatDuration(b.ms, { ms: t('unitMs'), s: t('unitS') }, true) }),
      }));
    }
    nowLine = s('line.hl-now', { x1: lanes[0].x - 40, x2: lanes[lanes.length - 1].x + 40 });
    nowText = s('text.hl-now-label', { x: 6 });
    stateEls = lay.stateLabels.map((l) => s(`text.hl-state-label.hl-ep-${l.endpoint}`, {
      x: l.x, y: l.y + 4, 'text-anchor': l.anchor, 'data-endpoint': l.endpoint, 'data-step-index': l.stepIndex, text: l.state,
    }));
    segEls = lay.segments.map((sg) => {
      const fate = t(`fate.${sg.fate}`, null, sg.fate);
      const { x1, y1, x2, y2, copy } = sg;
      const m = LOST_MARK;
      const g = s(`g.hl-seg.hl-from-${sg.from}${sg.lost ? '.hl-lost' : ''}${sg.retransmission ? '.hl-retx' : ''}${copy ? '.hl-dup' : ''}`, {
        'data-segment-id': sg.id, 'data-fate': sg.fate, tabindex: 0, role: 'button',
        'aria-label': t('segAria', { id: sg.id, from: t(`ep.${sg.from}`, null, sg.from), to: t(`ep.${sg.to}`, null, sg.to), label: sg.label, fate }),
      },
      s('line.hl-seg-hit', { x1, y1, x2, y2 }),
      s('line.hl-seg-line', { x1, y1, x2, y2 }),
      copy && [s('line.hl-seg-line.hl-seg-copy', { x1, y1, ...copy }), s('polygon.hl-seg-head', { points: arrowHead(x1, y1, copy.x2, copy.y2) })],
      sg.lost
        ? s('path.hl-seg-x', { d: `M${x2 - m},${y2 - m}l${2 * m},${2 * m}m0,${-2 * m}l${-2 * m},${2 * m}` })
        : s('polygon.hl-seg-head', { points: arrowHead(x1, y1, x2, y2) }),
      s('text.hl-seg-label', {
        'text-anchor': sg.labelAnchor, y: LABEL_LIFT, text: sg.label,
        transform: `translate(${sg.labelX.toFixed(1)} ${sg.labelY.toFixed(1)}) rotate(${sg.labelAngle})`,
      }));
      return { g, sg };
    });
    bandEls = lay.bands.map((b) => ({ b, g: band(b) }));
    svg.append(...bandEls.map((e) => e.g), nowLine, nowText, ...stateEls, ...segEls.map((e) => e.g));
  }

  /** A band of segments to and from spoofed sources: a button that unfolds (or folds) it. */
  function band(b) {
    const units = { ms: t('unitMs'), s: t('unitS') };
    const kinds = b.kinds.map((k) => t(k.lost === k.n ? 'bandKindLost' : 'bandKind', { n: k.n, flags: k.flags, to: t(`ep.${k.to}`, null, k.to) }))
      .join(t('listSep'));
    const title = t(b.open ? 'bandOpen' : 'band', { n: b.count });
    const x = b.x1 + BAND_TEXT_X;
    return s(`g.hl-band${b.open ? '.is-open' : ''}`, {
      'data-band': b.id, tabindex: 0, role: 'button', 'aria-expanded': String(b.open),
      'aria-label': t('bandAria', { title, kinds, from: formatDuration(b.t0, units), to: formatDuration(b.t1, units) }),
    },
    s('rect.hl-band-box', { x: b.x1, y: b.y1, width: b.x2 - b.x1, height: b.y2 - b.y1, rx: 4 }),
    s('text.hl-band-title', { x, y: b.y1 + 14, text: title }),
    // The leading space keeps the title and the kinds apart in the text a screen reader compares with the label.
    !b.open && s('text.hl-band-kinds', { x, y: b.y1 + 28, text: ` ${kinds}` }));
  }

  /** info: {currentSegmentId, selectedId, atText} */
  function setStep(index, info) {
    for (const { g, sg } of segEls) {
      g.classList.toggle('is-future', sg.sendStep > index);
      g.classList.toggle('is-current', sg.id === info.currentSegmentId);
      g.classList.toggle('is-selected', sg.id === info.selectedId);
      if (sg.id === info.currentSegmentId) g.setAttribute('aria-current', 'step');
      else g.removeAttribute('aria-current');
    }
    for (const el of stateEls) el.classList.toggle('is-future', el.dataset.stepIndex > index);
    for (const { g, b } of bandEls) {
      g.classList.toggle('is-future', b.firstStep > index);
      g.classList.toggle('is-current', !b.open && b.firstStep <= index && index <= b.lastStep);
    }
    const y = layout.stepY[index] ?? layout.top;
    nowLine.setAttribute('y1', y);
    nowLine.setAttribute('y2', y);
    nowText.setAttribute('y', y - 4);
    nowText.textContent = info.atText;
  }

  /** y of a step in CSS pixels of the drawn SVG (for scrolling). */
  const stepOffset = (index) => (layout.stepY[index] ?? 0) * (svg.getBoundingClientRect().width / layout.width || 1);

  return { render, setStep, stepOffset };
}

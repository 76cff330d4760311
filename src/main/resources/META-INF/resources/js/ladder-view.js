// Draws a ladder as the API lays it out (formats.LadderLayout, in JSON) as SVG and highlights the current step.
// The layout's numbers are drawn as they are; a number derived from them (an arrowhead, a text's baseline) is
// written to 0.01 px by px(), as the SVG download (LadderSvgWriter) writes it, so that both are one picture.
import { s } from './dom.js';
import { formatDuration } from './segment-format.js';

// The receiver of a listener's answers to spoofed SYNs: their forged sources, a lane of its own (RFC 4987 §2).
const FORGED_LANE = 'forged-source';

const ARROW_LENGTH = 9;
const ARROW_HALF_WIDTH = 4.5;
const LOST_MARK = 6;
const LANE_TITLE_Y = 26;
const BREAK_INSET = 8;
const LANE_END_BELOW = 16;
const TEXT_BASELINE = 4;
const NOW_ABOVE = 4; // the current time's baseline above its line, or below it where a state label stands
const NOW_BELOW = 20; // under a state label written at the line (its baseline 4 px below it)

/** A drawing coordinate to 0.01 px, as the layout keeps its own (LadderLayout.px; Math.round is Java's too). */
const px = (n) => Math.round(n * 100) / 100;

/** Points of an arrowhead at (x2, y2) pointing away from (x1, y1). */
export function arrowHead(x1, y1, x2, y2, length = ARROW_LENGTH, half = ARROW_HALF_WIDTH) {
  // A square root, not Math.hypot: IEEE rounds it the same here and in Java (LadderSvgWriter).
  const d = Math.sqrt((x2 - x1) * (x2 - x1) + (y2 - y1) * (y2 - y1)) || 1;
  const [ux, uy] = [(x2 - x1) / d, (y2 - y1) / d];
  const [bx, by] = [x2 - ux * length, y2 - uy * length];
  return [x2, y2, bx - uy * half, by + ux * half, bx + uy * half, by - ux * half].map(px).join(' ');
}

const BAND_TEXT_X = 10;
const BAND_TITLE_Y = 14;
const BAND_KINDS_Y = 28;
const COMPACT_BELOW = 600; // a ladder box narrower than this (a phone) gets the compact layout
/** Whether a box this wide (0: not laid out yet) gets the ladder's compact layout. */
export const isCompactWidth = (width) => width > 0 && width < COMPACT_BELOW;
const MIN_SCALE = 0.6; // narrower than this, the box shows client and server and scrolls to other lanes

/**
 * createLadderView(host, {t, onActivate(segmentId, element), onBand(bandId)}) ->
 * {render(layout, numbers: 'absolute'|'symbolic'), setStep(index, info), stepOffset(index)}
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

  function render(lay, numbers) {
    layout = lay;
    svg.replaceChildren();
    svg.setAttribute('viewBox', `0 0 ${lay.width} ${lay.height}`);
    fit();
    const lanes = lay.lanes;
    for (const { id, x, address } of lanes) {
      const line = (y1, y2) => s(`line.hl-lane.hl-ep-${id}`, { x1: x, x2: x, y1, y2 });
      let y0 = lay.top;
      for (const b of lay.breaks) {
        svg.append(line(y0, px(b.y1 + BREAK_INSET)), s('line.hl-break', { x1: x, x2: x, y1: px(b.y1 + BREAK_INSET), y2: px(b.y2 - BREAK_INSET) }));
        y0 = px(b.y2 - BREAK_INSET);
      }
      svg.append(line(y0, px(lay.bottom + LANE_END_BELOW)), s(`text.hl-lane-title.hl-ep-${id}`, { x, y: LANE_TITLE_Y, 'text-anchor': 'middle' },
        s('tspan', { x, text: t(`ep.${id}`, null, id) }),
        address && s('tspan.hl-lane-addr', { x, dy: 16, text: address }),
        id === FORGED_LANE && s('tspan.hl-lane-addr', { x, dy: 16, text: t('ep.forgedNote') })));
    }
    for (const b of lay.breaks) {
      svg.append(s('text.hl-break-label', {
        x: px((lanes[0].x + lanes[1].x) / 2), y: px((b.y1 + b.y2) / 2 + TEXT_BASELINE), 'text-anchor': 'middle', 'data-ms': b.ms,
        text: t('gap', { time: formatDuration(b.ms, { ms: t('unitMs'), s: t('unitS') }, true) }),
      }));
    }
    nowLine = s('line.hl-now', { x1: lanes[0].x - 40, x2: lanes[lanes.length - 1].x + 40 });
    nowText = s('text.hl-now-label', { x: 6 });
    stateEls = lay.stateLabels.map((l) => s(`text.hl-state-label.hl-ep-${l.endpoint}`, {
      x: l.x, y: px(l.y + TEXT_BASELINE), 'text-anchor': l.anchor, 'data-endpoint': l.endpoint, 'data-step-index': l.stepIndex, text: l.state,
    }));
    segEls = lay.segments.map((sg) => {
      const fate = sg.held ? t('inFlightFate') : t(`fate.${sg.fate}`, null, sg.fate);
      const { x1, y1, x2, y2, copyEnd: copy } = sg;
      const label = numbers === 'symbolic' ? sg.label : sg.absoluteLabel;
      const cut = numbers === 'symbolic' ? sg.labelBreak : sg.absoluteLabelBreak; // the compact layout's second line
      // Its flags alone where the whole label would overlap another's (LabelFitting); the accessible name has it all.
      const shown = label.slice(0, numbers === 'symbolic' ? sg.labelShown : sg.absoluteLabelShown);
      const m = LOST_MARK;
      const g = s(`g.hl-seg.hl-from-${sg.from}${sg.lost ? '.hl-lost' : ''}${sg.held ? '.hl-held' : ''}${sg.retransmission ? '.hl-retx' : ''}${copy ? '.hl-dup' : ''}`, {
        'data-segment-id': sg.id, 'data-fate': sg.fate, tabindex: 0, role: 'button',
        'aria-label': t('segAria', { id: sg.id, from: t(`ep.${sg.from}`, null, sg.from), to: t(`ep.${sg.to}`, null, sg.to), label, fate }),
      },
      s('line.hl-seg-hit', { x1, y1, x2, y2 }),
      s('line.hl-seg-line', { x1, y1, x2, y2 }),
      copy && [s('line.hl-seg-line.hl-seg-copy', { x1, y1, x2: copy.x, y2: copy.y }), s('polygon.hl-seg-head', { points: arrowHead(x1, y1, copy.x, copy.y) })],
      sg.lost
        ? s('path.hl-seg-x', { d: `M${px(x2 - m)},${px(y2 - m)}l${2 * m},${2 * m}m0,${-2 * m}l${-2 * m},${2 * m}` })
        : s(`polygon.hl-seg-head${sg.held ? '.hl-held-head' : ''}`, { points: arrowHead(x1, y1, x2, y2) }),
      // The second line keeps the space it was broken at, so the two lines read as the label a screen reader is given.
      // The lines' baselines are the layout's (labelLines), where LabelFitting measured them: above the arrow, and a
      // broken label's second line below it.
      s('text.hl-seg-label', {
        'text-anchor': sg.labelAnchor, y: lay.labelLines.lift, text: cut > 0 ? null : shown,
        transform: `translate(${sg.labelX} ${sg.labelY}) rotate(${sg.labelAngle})`,
      }, cut > 0 ? [s('tspan', { text: shown.slice(0, cut) }), s('tspan', { x: 0, y: lay.labelLines.below, text: shown.slice(cut) })] : null));
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
    const x = px(b.x1 + BAND_TEXT_X);
    return s(`g.hl-band${b.open ? '.is-open' : ''}`, {
      'data-band': b.id, tabindex: 0, role: 'button', 'aria-expanded': String(b.open),
      'aria-label': t('bandAria', { title, kinds, from: formatDuration(b.t0, units), to: formatDuration(b.t1, units) }),
    },
    s('rect.hl-band-box', { x: b.x1, y: b.y1, width: px(b.x2 - b.x1), height: px(b.y2 - b.y1), rx: 4 }),
    s('text.hl-band-title', { x, y: px(b.y1 + BAND_TITLE_Y), text: title }),
    // The leading space keeps the title and the kinds apart in the text a screen reader compares with the label.
    !b.open && s('text.hl-band-kinds', { x, y: px(b.y1 + BAND_KINDS_Y), text: ` ${kinds}` }));
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
    nowText.setAttribute('y', y - NOW_ABOVE);
    nowText.textContent = info.atText;
    // The time is written in the client's margin, where the state it changes to at this step stands too (a phone's
    // margin holds one of them): below the line then.
    const time = nowText.getBBox();
    const meets = (b) => b.x < time.x + time.width && time.x < b.x + b.width && b.y < time.y + time.height && time.y < b.y + b.height;
    if (time.width > 0 && stateEls.some((el) => meets(el.getBBox()))) {
      nowText.setAttribute('y', y + NOW_BELOW);
    }
  }

  /** y of a step in CSS pixels of the drawn SVG (for scrolling). */
  const stepOffset = (index) => (layout.stepY[index] ?? 0) * (svg.getBoundingClientRect().width / layout.width || 1);

  return { render, setStep, stepOffset };
}

// Tiny DOM helpers. Text always goes through textContent / text nodes, never innerHTML.
const SVG_NS = 'http://www.w3.org/2000/svg';

function fill(node, attrs, kids) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null || v === false) continue;
    if (k === 'text') node.textContent = String(v);
    else if (k.startsWith('on') && typeof v === 'function') node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const kid of kids.flat()) if (kid != null && kid !== false) node.append(kid);
  return node;
}

/** HTML element: h('button', {class: 'x', text: 'Next'}, child...) */
export function h(tag, attrs, ...kids) {
  return fill(document.createElement(tag), attrs, kids);
}

/** SVG element, same signature as h(). */
export function s(tag, attrs, ...kids) {
  return fill(document.createElementNS(SVG_NS, tag), attrs, kids);
}

/** Multi-line SVG text: lines become <tspan>s. */
export function svgLines(lines, x, y, lineHeight, attrs) {
  const text = s('text', { x, y, ...attrs });
  lines.forEach((line, i) => text.append(s('tspan', { x, dy: i ? lineHeight : 0, text: line })));
  return text;
}

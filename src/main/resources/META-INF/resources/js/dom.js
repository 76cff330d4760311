// Tiny DOM helpers; text always goes through text nodes, never innerHTML.
// h('p.hl-note', {text: 'Hi', 'aria-live': 'polite'}, ...children); the attributes may be left out.
const make = (doc) => (tag, attrs, ...kids) => {
  if (attrs instanceof Node || Array.isArray(attrs) || typeof attrs === 'string') [attrs, kids] = [null, [attrs, ...kids]];
  const [name, ...cls] = tag.split('.');
  const node = doc(name);
  if (cls.length) node.setAttribute('class', cls.join(' '));
  if (name === 'button') node.type = 'button';
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null || v === false) continue;
    if (k === 'text') node.textContent = v;
    else node.setAttribute(k, v === true ? '' : v);
  }
  node.append(...kids.flat().filter((kid) => kid != null && kid !== false));
  return node;
};

/** An HTML element. */
export const h = make((n) => document.createElement(n));

/** An SVG element. */
export const s = make((n) => document.createElementNS('http://www.w3.org/2000/svg', n));

/** SVG text with one <tspan> per line. */
export const svgLines = (lines, x, y, lineHeight, attrs) => s('text', { x, y, ...attrs },
  lines.map((line, i) => s('tspan', { x, dy: i ? lineHeight : 0, text: line })));

// A trace's compact form (form=compact) read back into the full trace the pages use. The encoder is
// formats/CompactTrace.java, which describes the form: change both.

/** The cells of a list where [n, v] is v n times and [n, v, d] is v, v+d, … (n numbers). */
const cells = (list) => list.flatMap((cell) => {
  if (!Array.isArray(cell)) return [cell];
  const [count, first, stride = 0] = cell;
  return Array.from({ length: count }, (_, k) => (stride ? first + k * stride : first));
});

/** A string from its template's pieces and the runs of digits between them. */
const text = (templates, entry) => {
  if (entry === null) return null;
  if (typeof entry === 'number') return templates[entry][0];
  const [template, ...digits] = entry;
  return templates[template].reduce((whole, piece, k) => whole + String(digits[k - 1]) + piece);
};

/** A column's value in each row; a shared value is copied per row, as JSON.parse would give it. */
const columnValues = (templates, column) => {
  if (column.n) return cells(column.n);
  const distinct = column.s ? column.s.map((entry) => text(templates, entry)) : column.v;
  return cells(column.i).map((index) => (column.s ? distinct[index] : structuredClone(distinct[index])));
};

const rows = (templates, { length, columns }) => {
  const values = Object.entries(columns).map(([field, column]) => [field, columnValues(templates, column)]);
  return Array.from({ length }, (_, row) => Object.fromEntries(values.map(([field, column]) => [field, column[row]])));
};

/** The full trace of a compact one; any other body as it is. */
export function expandTrace(body) {
  if (body?.form !== 'compact') return body;
  const { form, columnar, templates, ...trace } = body;
  for (const field of columnar) trace[field] = rows(templates, trace[field]);
  return trace;
}

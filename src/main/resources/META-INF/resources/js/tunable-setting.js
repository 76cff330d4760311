// The "TCP setting" block (tags/tunableSetting.html): the chosen tunable's meaning, values and value field show; a
// setting of the network is for both hosts; a number outside its range is said under the block and its field focused.
import { numberWithin } from './scenario-text.js';

/** A field's complaint shown under its block, the field marked invalid and focused; accept takes it back. */
export function refuse(error, field, message) {
  error.textContent = message;
  error.hidden = false;
  field.setAttribute('aria-invalid', 'true');
  field.focus();
}

export function accept(error, field) {
  error.hidden = true;
  field.setAttribute('aria-invalid', 'false');
}

/**
 * Makes the block work; onSet({name, value, host}) is told each setting made, value as a scenario writes it (a
 * number, true or false, a choice's word) and host null for both.
 */
export function mountTunableSetting(block, onSet) {
  const chosen = block.querySelector('[name=tunable]');
  const hostOf = block.querySelector('[name=host]');
  const error = block.querySelector('#block-tunable-error');
  const shown = () => block.querySelector(`[data-tunable="${chosen.value}"]`);
  chosen.addEventListener('change', () => {
    for (const about of block.querySelectorAll('[data-tunable]')) about.hidden = about !== shown();
    const wide = shown().dataset.wide === 'true';
    for (const option of hostOf.options) option.disabled = wide && option.value !== 'both';
    if (wide) hostOf.value = 'both';
    error.hidden = true;
  });
  const setButton = block.querySelector('#set-tunable');
  block.addEventListener('input', (e) => {
    if (e.target.name === 'value') accept(error, e.target); // a complaint lasts until the value is changed
  });
  // Enter in the value field sets it (inside a form it would submit the form instead).
  block.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' || e.target.name !== 'value') return;
    e.preventDefault();
    setButton.click();
  });
  setButton.addEventListener('click', () => {
    const about = shown();
    const field = about.querySelector('[name=value]');
    let value = field.value;
    if (field.type === 'number') {
      const fraction = field.step === 'any';
      value = numberWithin(field.value, Number(field.min), Number(field.max), fraction);
      if (value == null) return refuse(error, field, fraction ? block.dataset.badDecimal : block.dataset.badWhole);
      accept(error, field);
    } else if (about.dataset.kind === 'BOOLEAN') {
      value = value === 'true';
    }
    onSet({ name: chosen.value, value, host: hostOf.value === 'both' ? null : hostOf.value });
  });
}

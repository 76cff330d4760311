// The simulator's words: the message bundle site.SimulatorMessages (Chinese in messages/simulator_zh.properties),
// served once per language as JSON by GET /words/simulator/{lang} and kept by the browser, not written into pages.

/** The language of a simulator: "zh" or "en". */
export const pickLang = (value) => (String(value || '').toLowerCase().startsWith('zh') ? 'zh' : 'en');

/**
 * The one rule from a script's key to the bundle's: camelCase to snake_case, dots and dashes to underscores
 * ('ep.client' -> ep_client, 'timer.time-wait' -> timer_time_wait, 'nextChangeShort' -> next_change_short).
 */
const wordKey = (key) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`).replace(/[.-]/g, '_');

async function loadWords(lang) {
  const answer = await fetch(`/words/simulator/${lang}`);
  if (!answer.ok) throw new Error(`the simulator's words (${lang}) could not be loaded: HTTP ${answer.status}`);
  return [lang, await answer.json()];
}

// A top-level await keeps createT synchronous for its callers: the modules that import this one (simulator.js,
// sandbox-i18n.js, so every page script that mounts a simulator or the sandbox) run once the words are here.
// The languages are the page's and its simulators' (data-lang); the server renders both alike, so one fetch.
const languages = new Set([document.documentElement.lang,
  ...Array.from(document.querySelectorAll('[data-lang]'), (element) => element.dataset.lang)].map(pickLang));
const WORDS = Object.fromEntries(await Promise.all(Array.from(languages, loadWords)));

/** A translator for one language: t(key, params, fallback) with [name] placeholders, as the bundle writes them. */
export function createT(lang) {
  const words = WORDS[lang] ?? {};
  return (key, params, fallback) => {
    const text = words[wordKey(key)] ?? fallback ?? key;
    return params ? text.replace(/\[(\w+)\]/g, (m, name) => params[name] ?? m) : text;
  };
}

/** Why a request failed, in the reader's language where the server's words are not (503 busy, 429 too many). */
export function failureText(t, failure) {
  if (failure.status === 503) return t('busy');
  if (failure.status === 429) return t('tooMany');
  return failure.detail || t('noAnswer');
}

// The scripts' words: message bundles on the server (site.SimulatorMessages, site.SandboxMessages; Chinese in
// messages/*_zh.properties), served once per script and language as JSON by GET /words/{script}/{lang} and kept
// by the browser, not written into pages.

/** The language of a simulator: "zh" or "en". */
export const pickLang = (value) => (String(value || '').toLowerCase().startsWith('zh') ? 'zh' : 'en');

/**
 * The one rule from a script's key to the bundle's: camelCase to snake_case, dots and dashes to underscores
 * ('ep.client' -> ep_client, 'timer.time-wait' -> timer_time_wait, 'nextChangeShort' -> next_change_short).
 */
const wordKey = (key) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`).replace(/[.-]/g, '_');

const RETRY_AFTER_MS = 1000;
const worthRetrying = (status) => status === 429 || status >= 500;

async function fetchWords(script, lang) {
  const answer = await fetch(`/words/${script}/${lang}`);
  if (!answer.ok) throw Object.assign(new Error(`the ${script} script's words (${lang}): HTTP ${answer.status}`), { status: answer.status });
  return answer.json();
}

/** One language's words; a busy server or a dropped connection gets a second chance a second later. */
async function loadWords(script, lang) {
  try {
    return [lang, await fetchWords(script, lang)];
  } catch (failure) {
    if (failure.status != null && !worthRetrying(failure.status)) throw failure;
    await new Promise((resolve) => { setTimeout(resolve, RETRY_AFTER_MS); });
    return [lang, await fetchWords(script, lang)];
  }
}

/** Without its words no script can speak: each part of the page that waits for them says so, in the page's words. */
function sayWordsFailed() {
  for (const part of document.querySelectorAll('[data-words-failed]')) {
    const note = document.createElement('p');
    note.className = 'form-error';
    note.setAttribute('role', 'alert');
    note.textContent = part.dataset.wordsFailed;
    part.replaceChildren(note);
  }
}

/**
 * A script's words in the page's languages: the page's and its simulators' (data-lang), which the server renders
 * alike, so one fetch. Awaited at the top of the module that uses them, so that translators stay synchronous: the
 * modules importing it (every page script that mounts a simulator or the sandbox) run once the words are here.
 */
export async function loadScriptWords(script) {
  const languages = new Set([document.documentElement.lang,
    ...Array.from(document.querySelectorAll('[data-lang]'), (element) => element.dataset.lang)].map(pickLang));
  try {
    return Object.fromEntries(await Promise.all(Array.from(languages, (lang) => loadWords(script, lang))));
  } catch (failure) {
    sayWordsFailed();
    throw failure;
  }
}

const SIMULATOR_WORDS = await loadScriptWords('simulator');

/**
 * A translator for one language: t(key, params, fallback) with [name] placeholders, as the bundles write them;
 * `first`, a script's own words by language, comes before the simulator's.
 */
export function createT(lang, first = {}) {
  const words = { ...SIMULATOR_WORDS[lang], ...first[lang] };
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

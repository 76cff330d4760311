// The sandbox's own words (site.SandboxMessages, served by /words/sandbox/{lang}); anything else comes from the
// simulator's words in i18n.js.
import { createT, loadScriptWords } from './i18n.js';

const SANDBOX_WORDS = await loadScriptWords('sandbox');

/** t(key, params, fallback) over the sandbox's words, then the simulator's. */
export function createSandboxT(lang) {
  return createT(lang, SANDBOX_WORDS);
}

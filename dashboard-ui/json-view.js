// A readable JSON view: the value pretty-printed, split into tokens the page colours (keys,
// strings, numbers, literals, punctuation), and a copy button. Text only ever becomes text nodes.

import { h } from './dom.js';

const TOKEN = /("(?:[^"\\]|\\.)*")(\s*:)?|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|\b(true|false|null)\b|([{}[\],])|(\s+)|(.)/gs;

/** The text a value shows as: objects pretty-printed, a string that holds JSON parsed first, other strings as-is. */
export function jsonText(value) {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') {
    try {
      return JSON.stringify(JSON.parse(value), null, 2);
    } catch {
      return value;
    }
  }
  return JSON.stringify(value, null, 2);
}

/** Splits pretty JSON into [{ kind: key|string|number|literal|punct|space|text, text }]; joined, they are the text again. */
export function jsonTokens(text) {
  const tokens = [];
  for (const m of String(text).matchAll(TOKEN)) {
    if (m[1] !== undefined) {
      tokens.push({ kind: m[2] !== undefined ? 'key' : 'string', text: m[1] });
      if (m[2] !== undefined) tokens.push({ kind: 'punct', text: m[2] });
    } else if (m[3] !== undefined) tokens.push({ kind: 'number', text: m[3] });
    else if (m[4] !== undefined) tokens.push({ kind: 'literal', text: m[4] });
    else if (m[5] !== undefined) tokens.push({ kind: 'punct', text: m[5] });
    else if (m[6] !== undefined) tokens.push({ kind: 'space', text: m[6] });
    else tokens.push({ kind: 'text', text: m[7] });
  }
  return tokens;
}

/** A titled JSON block with a Copy button; name marks it for tests (data-json-view="payload"). */
export function jsonView(title, value, name) {
  const text = jsonText(value);
  const status = h('span', { class: 'json-copied', role: 'status' });
  const copy = h('button', { type: 'button', class: 'json-copy', 'data-json-copy': name, 'aria-label': `Copy ${title.toLowerCase()}` }, 'Copy');
  const code = h('code', {}, ...jsonTokens(text || '(empty)').map((t) => (t.kind === 'space' || t.kind === 'text' ? t.text : h('span', { class: `json-${t.kind}` }, t.text))));
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(text);
      status.textContent = 'Copied.';
    } catch {
      // no clipboard permission (an http page, an old browser): select the text for a manual copy
      window.getSelection()?.selectAllChildren(code);
      status.textContent = 'Selected: press Ctrl+C to copy.';
    }
  });
  return h(
    'section',
    { class: 'json-view', 'data-json-view': name },
    h('div', { class: 'json-view-head' }, h('h3', {}, title), copy, status),
    h('pre', { tabindex: '0', 'data-detail-payload': name === 'payload' ? '' : null }, code),
  );
}

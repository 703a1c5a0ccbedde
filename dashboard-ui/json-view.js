// A readable JSON view: the value pretty-printed, lexed by Prism's JSON grammar (loaded by index.html
// as classic scripts in manual mode, so Prism never highlights the page by itself) into tokens the
// page colours (keys, strings, numbers, literals, punctuation), and a copy button. Payloads come from
// anyone who can reach a webhook, so tokens only ever become text nodes, never markup.

import { h } from './dom.js';

/** Prism's token types for JSON, as the classes styles.css colours; any other type shows as plain text. */
const KINDS = {
  property: 'key',
  string: 'string',
  number: 'number',
  boolean: 'literal',
  null: 'literal',
  punctuation: 'punct',
  operator: 'punct',
};

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

/** The text of a Prism token's content: a string, a token, or a list of both. */
function textOf(content) {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map(textOf).join('');
  return content ? textOf(content.content) : '';
}

/**
 * Turns Prism's token stream (strings and { type, content } tokens) into [{ kind, text }] with kind one
 * of key|string|number|literal|punct|text; joined, the texts are the lexed text again.
 */
export function jsonSpans(tokens) {
  return tokens.map((token) =>
    typeof token === 'string' ? { kind: 'text', text: token } : { kind: KINDS[token.type] || 'text', text: textOf(token.content) },
  );
}

/** Prism's JSON tokens for text, or the text as one plain token when Prism did not load. */
function lex(text) {
  const prism = globalThis.Prism;
  return prism?.languages?.json ? prism.tokenize(text, prism.languages.json) : [text];
}

/** A titled JSON block with a Copy button; name marks it for tests (data-json-view="payload"). */
export function jsonView(title, value, name) {
  const text = jsonText(value);
  const status = h('span', { class: 'json-copied', role: 'status' });
  const copy = h('button', { type: 'button', class: 'json-copy', 'data-json-copy': name, 'aria-label': `Copy ${title.toLowerCase()}` }, 'Copy');
  const code = h('code', {}, ...jsonSpans(lex(text || '(empty)')).map((t) => (t.kind === 'text' ? t.text : h('span', { class: `json-${t.kind}` }, t.text))));
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

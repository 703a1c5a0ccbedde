// A Copy button for a value a person hands on (a webhook URL, a new API key): the clipboard when the browser
// allows it, else the text selected on the page so Ctrl+C takes it. The outcome is said in the button itself.

import { h, setText } from './dom.js';

/** A button that copies text; field (optional) is the element showing it, selected when the clipboard is refused. */
export function copyButton(text, { label = 'Copy', field = null, name = null } = {}) {
  const button = h('button', { type: 'button', class: 'copy-button', 'aria-label': name ? `${label} ${name}` : null }, label);
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(text);
      setText(button, 'Copied');
    } catch {
      if (field) window.getSelection()?.selectAllChildren(field);
      setText(button, field ? 'Press Ctrl+C' : 'Copy failed');
    }
    setTimeout(() => setText(button, label), 2_000);
  });
  return button;
}

/** A value shown whole (it wraps) with its Copy button beside it; name says what it is to assistive technology. */
export function copyField(value, name) {
  const field = h('code', { class: 'copy-value' }, value);
  return h('div', { class: 'copy-field' }, field, copyButton(value, { field, name }));
}

// Small DOM and time helpers. Every piece of server data reaches the page through text nodes or
// attributes set here, never through innerHTML, so a payload cannot inject markup.

/** Creates an element; attrs go through setAttribute (or on* listeners), children become nodes or text. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2).toLowerCase(), value);
    } else {
      el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces the element's children with text only. */
export function setText(el, text) {
  el.textContent = text === null || text === undefined ? '' : String(text);
}

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto', style: 'short' });
const STEPS = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
  ['week', 4.35],
  ['month', 12],
  ['year', Infinity],
];

/** "5 min. ago", "yesterday", … for an ISO timestamp; empty for a missing one. */
export function relativeTime(iso, now = Date.now()) {
  if (!iso) return '';
  let amount = (new Date(iso).getTime() - now) / 1000;
  if (Number.isNaN(amount)) return String(iso);
  if (Math.abs(amount) < 5) return 'just now';
  for (const [unit, size] of STEPS) {
    if (Math.abs(amount) < size) return relative.format(Math.round(amount), unit);
    amount /= size;
  }
  return String(iso);
}

/** Absolute local date-time for tooltips and the detail panel. */
export function absoluteTime(iso) {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? String(iso) : date.toLocaleString();
}

/** A <time> that the page keeps relative (see refreshRelativeTimes). */
export function timeElement(iso) {
  return h('time', { datetime: iso, title: absoluteTime(iso), 'data-relative': '' }, relativeTime(iso));
}

/** Re-renders every relative <time> under root; called on a slow timer. */
export function refreshRelativeTimes(root = document) {
  const now = Date.now();
  for (const el of root.querySelectorAll('time[data-relative]')) {
    setText(el, relativeTime(el.getAttribute('datetime'), now));
  }
}

/** Calls fn once, wait ms after the last of a burst of calls. */
export function debounce(fn, wait) {
  let timer = null;
  const debounced = (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      fn(...args);
    }, wait);
  };
  debounced.cancel = () => clearTimeout(timer);
  return debounced;
}

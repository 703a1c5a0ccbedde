// The Events page's filters as plain data: read from and written to the hash's query
// (#/events?status=failed&source=github), so a reload, the back button or a shared link shows the
// same list, and turned into GET /api/events parameters. No DOM here.

import { instant, text } from './alert-query.js';

export const EVENT_STATUSES = ['pending', 'processing', 'processed', 'failed'];

const KEYS = ['source', 'status', 'type', 'from', 'to'];

export function emptyEventFilter() {
  return { source: '', status: '', type: '', from: '', to: '' };
}

/** A filter from anything (hash values, a form): unknown values are dropped, not guessed at. */
export function normaliseEventFilter(raw = {}) {
  const filter = emptyEventFilter();
  filter.source = text(raw.source);
  filter.type = text(raw.type);
  filter.status = EVENT_STATUSES.includes(raw.status) ? raw.status : '';
  filter.from = instant(raw.from);
  filter.to = instant(raw.to);
  if (filter.from && filter.to && filter.from >= filter.to) filter.to = '';
  return filter;
}

/** The filter a hash names: '#/events?status=failed' → { status: 'failed', … }. */
export function parseEventsHash(hash) {
  const at = String(hash || '').indexOf('?');
  if (at < 0) return emptyEventFilter();
  return normaliseEventFilter(Object.fromEntries(new URLSearchParams(String(hash).slice(at + 1))));
}

/** The hash for a filter, keys in one order and empty ones left out: '#/events' when there is none. */
export function eventsHash(filter) {
  const search = new URLSearchParams();
  for (const key of KEYS) if (filter[key]) search.set(key, filter[key]);
  const text = search.toString();
  return text ? `#/events?${text}` : '#/events';
}

/** GET /api/events parameters for a filter (empty ones left out). */
export function eventApiParams(filter) {
  const params = {};
  for (const key of KEYS) if (filter[key]) params[key] = filter[key];
  return params;
}

/** The value a datetime-local input shows for an instant, in the browser's zone ('' for none). */
export function localInputValue(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

// The alert list's filters as plain data: read from and written to the page's query string (so a
// reload or a shared link shows the same list; the hash stays the drawers' route), turned into
// GET /api/alerts parameters, and matched against an alert that arrives live. No DOM here.

export const SEVERITIES = ['critical', 'error', 'warning', 'info'];
export const STATES = ['open', 'acknowledged', 'resolved'];
export const GROUP_WINDOWS = ['1h', '24h', '7d'];
/** The longest text, source or type the API accepts. */
export const MAX_TEXT = 200;

/** The query-string keys, in the order they are written. */
const KEYS = ['severity', 'source', 'type', 'state', 'read', 'from', 'to', 'q', 'group'];

/** No filter: every alert. */
export function emptyFilter() {
  return { severity: [], source: '', type: '', state: '', read: '', from: '', to: '', q: '', group: '' };
}

/** A filter's text: trimmed and cut to what the API accepts ('' for anything else). */
export function text(value) {
  return typeof value === 'string' ? value.trim().slice(0, MAX_TEXT) : '';
}

/** A filter's instant in the API's form, 2026-01-31T09:00:00Z ('' for one that does not parse). */
export function instant(value) {
  if (typeof value !== 'string' || value.trim() === '') return '';
  const date = new Date(value.trim());
  return Number.isNaN(date.getTime()) ? '' : date.toISOString().replace('.000Z', 'Z');
}

/** A filter from anything (query values, a form): unknown values are dropped, not guessed at. */
export function normalise(raw = {}) {
  const severities = (Array.isArray(raw.severity) ? raw.severity : String(raw.severity || '').split(','))
    .map((s) => String(s).trim().toLowerCase())
    .filter((s) => SEVERITIES.includes(s));
  const filter = emptyFilter();
  filter.severity = SEVERITIES.filter((s) => severities.includes(s)); // one order, so equal filters serialise alike
  filter.source = text(raw.source);
  filter.type = text(raw.type);
  filter.state = STATES.includes(raw.state) ? raw.state : '';
  filter.read = raw.read === 'true' || raw.read === true ? 'true' : raw.read === 'false' || raw.read === false ? 'false' : '';
  filter.from = instant(raw.from);
  filter.to = instant(raw.to);
  if (filter.from && filter.to && filter.from >= filter.to) filter.to = '';
  filter.q = text(raw.q);
  filter.group = GROUP_WINDOWS.includes(raw.group) ? raw.group : '';
  return filter;
}

/** The filter a query string ("?severity=critical&state=open") describes. */
export function parseSearch(search) {
  const params = new URLSearchParams(search || '');
  const raw = {};
  for (const key of KEYS) {
    const values = params.getAll(key);
    if (values.length > 0) raw[key] = key === 'severity' ? values.join(',') : values[values.length - 1];
  }
  return normalise(raw);
}

/** The query string for a filter, "" for none; keys in a fixed order so one list has one address. */
export function toSearch(filter) {
  const f = normalise(filter);
  const parts = [];
  for (const key of KEYS) {
    const value = key === 'severity' ? f.severity.join(',') : f[key];
    // commas and colons stay readable in the address bar; URLSearchParams reads them back either way
    if (value) parts.push(`${key}=${encodeURIComponent(value).replace(/%2C/g, ',').replace(/%3A/g, ':')}`);
  }
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}

/** True when the filter lets every alert through (grouping aside). */
export function isEmpty(filter) {
  const f = normalise(filter);
  return KEYS.every((key) => key === 'group' || (key === 'severity' ? f.severity.length === 0 : !f[key]));
}

/** GET /api/alerts parameters for the filter (grouping is another endpoint). */
export function apiParams(filter) {
  const f = normalise(filter);
  return {
    severity: f.severity.join(',') || undefined,
    source: f.source || undefined,
    type: f.type || undefined,
    state: f.state || undefined,
    read: f.read || undefined,
    from: f.from || undefined,
    to: f.to || undefined,
    q: f.q || undefined,
  };
}

function contains(haystack, needle) {
  return typeof haystack === 'string' && haystack.toLowerCase().includes(needle.toLowerCase());
}

/** Whether an alert (from the socket, or one just moved) belongs in the list the filter shows; as the API decides. */
export function matches(alert, filter) {
  if (!alert) return false;
  const f = normalise(filter);
  if (f.severity.length > 0 && !f.severity.includes(alert.severity)) return false;
  if (f.source && alert.source !== f.source) return false;
  if (f.type && alert.eventType !== f.type) return false;
  if (f.state && (alert.state || 'open') !== f.state) return false;
  if (f.read && Boolean(alert.read) !== (f.read === 'true')) return false;
  if (f.from || f.to) {
    const at = new Date(alert.createdAt).getTime();
    if (Number.isNaN(at)) return false;
    if (f.from && at < new Date(f.from).getTime()) return false;
    if (f.to && at >= new Date(f.to).getTime()) return false;
  }
  if (f.q && !contains(alert.title, f.q) && !contains(alert.message, f.q)) return false;
  return true;
}

function pad(n) {
  return String(n).padStart(2, '0');
}

/** An ISO instant as a datetime-local input shows it (local time, minutes); "" for none. */
export function toLocalInput(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local input's value (local time) as an ISO instant; "" for none. */
export function fromLocalInput(value) {
  return instant(value);
}

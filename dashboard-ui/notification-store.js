// The notification rows the panel shows, in display order, and how REST pages and live status
// changes combine. A REST answer can be older than a socket message that overtook it (a retry's
// 202 arriving after the worker already reported "sent"), so live changes are numbered and the ones
// newer than a request are laid over its answer again.

export const STATUSES = ['pending', 'sending', 'sent', 'failed', 'suppressed'];
/** More rows than this are dropped from the bottom; "Load more" fetches them again. */
export const MAX_ROWS = 300;
const RECENT_LIVE = 500;

/** A live {"type":"notification"} data object in the REST field names; absent fields stay absent. */
export function fromLive(data) {
  const row = { id: Number(data.id) };
  if (STATUSES.includes(data.status)) row.status = data.status;
  if (data.channel !== null && data.channel !== undefined) row.channelType = String(data.channel);
  if (data.recipient !== null && data.recipient !== undefined) row.recipient = String(data.recipient);
  if (Number.isFinite(data.attempts)) row.attempts = data.attempts;
  for (const key of ['ruleId', 'eventId', 'alertId']) {
    if (data[key] !== null && data[key] !== undefined) row[key] = data[key];
  }
  // a "sent" change carries no error, yet the stored last error is kept (REST still shows it)
  if (data.error) row.lastError = String(data.error);
  return row;
}

/** NotificationStore holds rows by id plus their order; it knows nothing about the DOM. */
export class NotificationStore {
  constructor() {
    this.rows = new Map();
    this.order = [];
    this.before = null;
    this.status = '';
    this.seq = 0;
    this.recent = new Map();
  }

  /** Whether a row belongs under the current status filter. */
  accepts(row) {
    return !this.status || row.status === this.status;
  }

  /** A number to pass back with a REST answer: live changes after it win over that answer. */
  mark() {
    return this.seq;
  }

  /** Applies a live change: in place when shown, else on top if the filter wants it. Returns the row or null. */
  live(data) {
    const change = fromLive(data || {});
    if (!Number.isSafeInteger(change.id)) return null;
    this.seq += 1;
    const previous = this.recent.get(change.id);
    this.recent.delete(change.id);
    this.recent.set(change.id, { seq: this.seq, change: { ...(previous && previous.change), ...change } });
    if (this.recent.size > RECENT_LIVE) this.recent.delete(this.recent.keys().next().value);
    const row = this.put(change, 'top');
    this.trim();
    return row;
  }

  /** Replaces everything with a first page (the filter's newest rows). */
  reset(items, nextBefore, mark) {
    this.rows.clear();
    this.order = [];
    this.before = nextBefore ?? null;
    for (const item of items) this.put(item, 'bottom');
    this.replay(mark);
    this.trim();
  }

  /** Adds an older page below what is shown. */
  append(items, nextBefore, mark) {
    this.before = nextBefore ?? null;
    for (const item of items) this.put(item, 'bottom');
    this.replay(mark);
    this.trim();
  }

  /** Updates a shown row from a server answer (a retry's 202, a detail load), unless a live change is newer. */
  update(item, mark) {
    if (!this.rows.has(item.id)) return;
    this.put(item, 'top');
    const entry = this.recent.get(item.id);
    if (entry && entry.seq > mark) this.put(entry.change, 'top');
  }

  clear() {
    this.rows.clear();
    this.order = [];
    this.before = null;
    this.recent.clear();
  }

  get(id) {
    return this.rows.get(id);
  }

  list() {
    return this.order.map((id) => this.rows.get(id));
  }

  /** Ids of rows known only from the socket, which lacks subject and times. */
  incomplete() {
    return this.order.filter((id) => !this.rows.get(id).createdAt);
  }

  failedIds() {
    return this.order.filter((id) => this.rows.get(id).status === 'failed');
  }

  put(item, where) {
    if (!item || !Number.isSafeInteger(item.id)) return null;
    const known = this.rows.get(item.id);
    if (known) {
      Object.assign(known, item);
      return known;
    }
    if (!this.accepts(item)) return null;
    const row = { ...item };
    this.rows.set(row.id, row);
    if (where === 'top') this.order.unshift(row.id);
    else this.order.push(row.id);
    return row;
  }

  replay(mark) {
    for (const { seq, change } of this.recent.values()) {
      if (seq > mark) this.put(change, 'top');
    }
  }

  trim() {
    if (this.order.length <= MAX_ROWS) return;
    for (const id of this.order.splice(MAX_ROWS)) this.rows.delete(id);
    // pages are newest first, so the rows dropped are the ones before the last kept
    this.before = this.order[this.order.length - 1];
  }
}

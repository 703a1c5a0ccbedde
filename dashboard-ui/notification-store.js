// The notification rows the panel shows, in display order, and how REST pages and live status
// changes combine. A live {"type":"notification"} message carries the row exactly as the REST log
// shows it, less its body. A REST answer can be older than a socket message that overtook it (a
// retry's 202 arriving after the worker already reported "sent"), so live changes are numbered and
// the ones newer than a request are laid over its answer again.

/** More rows than this are dropped from the bottom; "Load more" fetches them again. */
export const MAX_ROWS = 300;
const RECENT_LIVE = 500;

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
    // the socket leaves the body out (null), so a row keeps the one REST gave it
    const { body, ...change } = data || {};
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

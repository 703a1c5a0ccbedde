// The alert feed: one store keyed by alert id (so the REST list and the live socket can both
// deliver the same alert without duplicates) and a list view drawn by lit-html, whose repeat
// directive keys the rows by alert id: a row keeps its element across updates, so keyboard focus
// stays where the operator left it. Server text only ever reaches the page as bound text or
// attribute values, never as markup.

import { emptyFilter, matches } from './alert-query.js';
import { html, nothing, relativeTimeTemplate, render, repeat } from './lit.js';
import { TRIAGE, offers, stateOf, triageText } from './triage.js';

export const SEVERITIES = ['info', 'warning', 'error', 'critical'];
/** Rows shown before "Load more" raises it: a burst of live alerts does not grow the page without end. */
const MAX_ROWS = 200;

/** Newest first; alert ids grow with creation time. */
const newestFirst = (a, b) => b.id - a.id;

function severityOf(alert) {
  return SEVERITIES.includes(alert.severity) ? alert.severity : 'info';
}

/** AlertFeed renders alerts into an <ol> and tells the page when the operator acts on one. */
export class AlertFeed {
  constructor(list, { onMarkRead, onTriage, onRender }) {
    this.list = list;
    this.onMarkRead = onMarkRead;
    this.onTriage = onTriage;
    this.onRender = onRender;
    this.alerts = new Map();
    this.filter = emptyFilter();
    this.maxRows = MAX_ROWS;
  }

  /**
   * Takes a freshly loaded first page as the truth, except for alerts newer than anything in it: those
   * came over the socket while the request was in flight and must not vanish. With keepOlder (older
   * pages were loaded), alerts older than the page stay if the page reaches down into them, so no gap
   * can open between the page and them; returns whether they stayed.
   */
  reset(items, { keepOlder = false } = {}) {
    const fresh = new Set(items.map((a) => a.id));
    const newest = Math.max(-Infinity, ...fresh);
    const oldest = Math.min(Infinity, ...fresh);
    const known = [...this.alerts.keys()];
    const kept = keepOlder && items.length > 0 && known.some((id) => id < oldest) && known.some((id) => id >= oldest && id <= newest);
    for (const id of known) {
      if (id <= newest && !fresh.has(id) && !(kept && id < oldest)) this.alerts.delete(id);
    }
    for (const alert of items) this.alerts.delete(alert.id);
    if (!kept) this.maxRows = MAX_ROWS;
    this.merge(items);
    return kept;
  }

  clear() {
    this.alerts.clear();
    this.maxRows = MAX_ROWS;
    this.render();
  }

  /** An older page, loaded by "Load more": added below, with room made for it. */
  append(items) {
    this.maxRows = Math.max(this.maxRows, this.visible().length + items.length);
    return this.merge(items);
  }

  /** Adds or updates alerts; returns those that were not known before. */
  merge(items) {
    const added = [];
    for (const alert of items) {
      if (!alert || alert.id === undefined || alert.id === null) continue;
      if (!this.alerts.has(alert.id)) added.push(alert);
      this.alerts.set(alert.id, { ...this.alerts.get(alert.id), ...alert });
    }
    this.render();
    return added;
  }

  markRead(ids) {
    for (const id of ids) {
      const alert = this.alerts.get(id);
      if (alert) alert.read = true;
    }
    this.render();
  }

  /** The list's filters (see alert-query.js); an alert moved out of them leaves the list. */
  setFilter(filter) {
    this.filter = filter;
  }

  accepts(alert) {
    return matches(alert, this.filter);
  }

  visible() {
    return [...this.alerts.values()].filter((a) => this.accepts(a)).sort(newestFirst).slice(0, this.maxRows);
  }

  visibleUnreadIds() {
    return this.visible().filter((a) => !a.read).map((a) => a.id);
  }

  render() {
    const shown = this.visible();
    // a button that hides under the focus (marked read, triaged) hands it to its row's title
    const focused = this.list.contains(document.activeElement) ? document.activeElement : null;
    render(
      repeat(
        shown,
        (alert) => alert.id,
        (alert) => this.row(alert),
      ),
      this.list,
    );
    if (focused?.hidden) focused.closest('li')?.querySelector('.alert-title')?.focus();
    this.list.dataset.count = String(shown.length);
    this.onRender?.(shown.length);
  }

  row(alert) {
    const severity = severityOf(alert);
    const titleId = `alert-${alert.id}-title`;
    const source = alert.sourceName || alert.source || 'unknown source';
    const read = Boolean(alert.read);
    return html`<li class="alert sev-${severity}${read ? ' is-read' : ''}" data-alert-id=${alert.id}
        data-event-id=${alert.eventId ?? nothing} data-severity=${severity} data-state=${stateOf(alert)} aria-labelledby=${titleId}>
      <span class="badge">${severity}</span>
      <div class="alert-body">
        <a class="alert-title" id=${titleId} href="#/events/${encodeURIComponent(alert.eventId)}">${alert.title || alert.eventType || 'Alert'}</a>
        ${alert.message ? html`<p class="alert-message">${alert.message}</p>` : nothing}
        <p class="alert-meta">
          <span class="source">${source}</span>
          ${alert.eventType ? html`<span class="event-type">${alert.eventType}</span>` : nothing}
          ${relativeTimeTemplate(alert.createdAt)}
        </p>
      </div>
      <div class="alert-actions">
        <span class="triage-state">${triageText(alert)}</span>
        <span class="read-state">${read ? 'Read' : 'Unread'}</span>
        <button type="button" class="mark-read" aria-describedby=${titleId} ?hidden=${read} @click=${() => this.onMarkRead([alert.id])}>Mark read</button>
        ${TRIAGE.map(
          ([action, label]) =>
            html`<button type="button" class="triage ${action}" data-action=${action} aria-describedby=${titleId}
              ?hidden=${!offers(alert, action)} @click=${() => this.onTriage?.(alert.id, action)}>${label}</button>`,
        )}
      </div>
    </li>`;
  }
}

// The alert feed: one store keyed by alert id (so the REST list and the live socket can both
// deliver the same alert without duplicates) and a list view that moves existing rows instead of
// rebuilding them, so keyboard focus stays where the operator left it.

import { emptyFilter, matches } from './alert-query.js';
import { h, setText, timeElement } from './dom.js';

export const SEVERITIES = ['info', 'warning', 'error', 'critical'];
/** Rows shown before "Load more" raises it: a burst of live alerts does not grow the page without end. */
const MAX_ROWS = 200;

/** The triage moves a row offers, in order: [action, label]; which ones depends on the alert's state. */
const TRIAGE = [
  ['acknowledge', 'Acknowledge'],
  ['resolve', 'Resolve'],
  ['reopen', 'Reopen'],
];
const TRIAGE_OFFERED = {
  open: ['acknowledge', 'resolve'],
  acknowledged: ['resolve', 'reopen'],
  resolved: ['reopen'],
};

/** What the row says of its triage: nothing while open, else who moved it. */
export function triageText(alert) {
  if (alert.state === 'acknowledged') return `Acknowledged by ${alert.acknowledgedBy || 'someone'}`;
  if (alert.state === 'resolved') return `Resolved by ${alert.resolvedBy || 'someone'}`;
  return '';
}

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
    this.rows = new Map();
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
    const keep = new Set(shown.map((a) => a.id));
    for (const [id, row] of this.rows) {
      if (!keep.has(id)) {
        row.remove();
        this.rows.delete(id);
      }
    }
    // walk the wanted order and move only rows that are out of place
    let cursor = this.list.firstElementChild;
    for (const alert of shown) {
      let row = this.rows.get(alert.id);
      if (!row) {
        row = this.createRow(alert);
        this.rows.set(alert.id, row);
      }
      this.updateRow(row, alert);
      if (row === cursor) {
        cursor = cursor.nextElementSibling;
      } else {
        this.list.insertBefore(row, cursor);
      }
    }
    this.list.dataset.count = String(shown.length);
    this.onRender?.(shown.length);
  }

  createRow(alert) {
    const severity = severityOf(alert);
    const titleId = `alert-${alert.id}-title`;
    const markButton = h('button', { type: 'button', class: 'mark-read', 'aria-describedby': titleId }, 'Mark read');
    markButton.addEventListener('click', () => this.onMarkRead([alert.id]));
    const triage = TRIAGE.map(([action, label]) => {
      const button = h('button', { type: 'button', class: `triage ${action}`, 'data-action': action, 'aria-describedby': titleId }, label);
      button.addEventListener('click', () => this.onTriage?.(alert.id, action));
      return button;
    });
    const source = alert.sourceName || alert.source || 'unknown source';
    return h(
      'li',
      {
        class: `alert sev-${severity}`,
        'data-alert-id': alert.id,
        'data-event-id': alert.eventId,
        'data-severity': severity,
        'aria-labelledby': titleId,
      },
      h('span', { class: 'badge' }, severity),
      h(
        'div',
        { class: 'alert-body' },
        h('a', { class: 'alert-title', id: titleId, href: `#/events/${encodeURIComponent(alert.eventId)}` }, alert.title || alert.eventType || 'Alert'),
        alert.message ? h('p', { class: 'alert-message' }, alert.message) : null,
        h(
          'p',
          { class: 'alert-meta' },
          h('span', { class: 'source' }, source),
          alert.eventType ? h('span', { class: 'event-type' }, alert.eventType) : null,
          timeElement(alert.createdAt),
        ),
      ),
      h('div', { class: 'alert-actions' }, h('span', { class: 'triage-state' }), h('span', { class: 'read-state' }), markButton, ...triage),
    );
  }

  updateRow(row, alert) {
    const state = alert.state || 'open';
    row.dataset.state = state;
    setText(row.querySelector('.triage-state'), triageText(alert));
    for (const button of row.querySelectorAll('button.triage')) {
      const shown = TRIAGE_OFFERED[state].includes(button.dataset.action);
      if (button.hidden !== !shown) {
        if (!shown && document.activeElement === button) row.querySelector('.alert-title').focus();
        button.hidden = !shown;
      }
    }
    row.classList.toggle('is-read', Boolean(alert.read));
    setText(row.querySelector('.read-state'), alert.read ? 'Read' : 'Unread');
    const button = row.querySelector('.mark-read');
    if (button.hidden !== Boolean(alert.read)) {
      // keep focus inside the row when the button it sat on disappears
      if (alert.read && document.activeElement === button) row.querySelector('.alert-title').focus();
      button.hidden = Boolean(alert.read);
    }
  }
}

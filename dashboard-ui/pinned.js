// Open critical alerts pinned above the feed until someone acknowledges or resolves them, and their
// count in the tab title (and, through onCount, the favicon), so a critical is not lost below a burst of info alerts.

import { h, setText } from './dom.js';

/** The tab title for this many open criticals: "(3) OpsCenter", or the plain title for none. */
export function titleWith(count, base) {
  return count > 0 ? `(${count}) ${base}` : base;
}

/** Whether an alert belongs in the pinned list: critical and still open. */
export function pinnable(alert) {
  return alert && alert.severity === 'critical' && (alert.state || 'open') === 'open';
}

/** PinnedCriticals keeps the open criticals by id and shows them with an Acknowledge button each. */
export class PinnedCriticals {
  constructor(section, list, { onAcknowledge, onCount, baseTitle = document.title }) {
    this.section = section;
    this.list = list;
    this.onAcknowledge = onAcknowledge;
    this.onCount = onCount;
    this.baseTitle = baseTitle;
    this.alerts = new Map();
  }

  /** Takes a freshly loaded list of open criticals as the truth. */
  reset(items) {
    this.alerts.clear();
    items.filter(pinnable).forEach((a) => this.alerts.set(a.id, a));
    this.render();
  }

  /** An alert seen live or after a move: pinned while it is an open critical, unpinned otherwise. */
  apply(alert) {
    if (!alert || alert.id === undefined) return;
    if (pinnable(alert)) this.alerts.set(alert.id, { ...this.alerts.get(alert.id), ...alert });
    else this.alerts.delete(alert.id);
    this.render();
  }

  render() {
    const shown = [...this.alerts.values()].sort((a, b) => b.id - a.id);
    this.list.replaceChildren(...shown.map((alert) => this.row(alert)));
    this.section.hidden = shown.length === 0;
    setText(this.section.querySelector('[data-pinned-count]'), String(shown.length));
    document.title = titleWith(shown.length, this.baseTitle);
    this.onCount?.(shown.length);
  }

  row(alert) {
    const titleId = `pinned-${alert.id}-title`;
    const button = h('button', { type: 'button', class: 'triage acknowledge', 'aria-describedby': titleId }, 'Acknowledge');
    button.addEventListener('click', () => this.onAcknowledge(alert.id));
    return h(
      'li',
      { class: 'pinned-alert', 'data-alert-id': alert.id },
      h('a', { id: titleId, href: `#/events/${encodeURIComponent(alert.eventId)}` }, alert.title || alert.eventType || 'Critical alert'),
      h('span', { class: 'muted' }, ` ${alert.sourceName || alert.source || ''} `),
      button,
    );
  }
}

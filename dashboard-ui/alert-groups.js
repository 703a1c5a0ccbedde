// "Group repeats": the alerts of a window with the same source, event type and title shown as one
// line each ("CI failed ×5") with how many, how many are still open and when last seen, from
// GET /api/alerts/groups. "Show alerts" narrows the list to one group's alerts.

import { h, timeElement } from './dom.js';

/** "CI failed ×5"; a title seen once is just the title. */
export function groupLabel(group) {
  const title = group.title || group.eventType || 'Alert';
  return group.count > 1 ? `${title} ×${group.count}` : title;
}

/** "3 open", "none open". */
export function openText(group) {
  return group.open > 0 ? `${group.open} open` : 'none open';
}

/** The list filter that shows a group's alerts: its source and type, and its title as text. */
export function groupFilter(group) {
  return { source: group.source || '', type: group.eventType || '', q: group.title || '' };
}

const SEVERITIES = ['info', 'warning', 'error', 'critical'];

/** AlertGroups renders groups into an <ol>; onShow(group) when the operator asks for a group's alerts. */
export class AlertGroups {
  constructor(list, { onShow }) {
    this.list = list;
    this.onShow = onShow;
  }

  render(groups) {
    this.list.replaceChildren(...groups.map((group, i) => this.row(group, i)));
    this.list.dataset.count = String(groups.length);
  }

  clear() {
    this.render([]);
  }

  row(group, i) {
    const severity = SEVERITIES.includes(group.severity) ? group.severity : 'info';
    const titleId = `group-${i}-title`;
    const show = h('button', { type: 'button', class: 'show-group', 'aria-describedby': titleId }, 'Show alerts');
    show.addEventListener('click', () => this.onShow(group));
    return h(
      'li',
      { class: `alert alert-group sev-${severity}`, 'data-count': group.count, 'data-latest-id': group.latestId },
      h('span', { class: 'badge' }, severity),
      h(
        'div',
        { class: 'alert-body' },
        h('p', { class: 'alert-title group-title', id: titleId }, groupLabel(group)),
        h(
          'p',
          { class: 'alert-meta' },
          group.source ? h('span', { class: 'source' }, group.source) : null,
          group.eventType ? h('span', { class: 'event-type' }, group.eventType) : null,
          h('span', { class: 'group-count' }, `${group.count} in all`),
          h('span', { class: 'group-open' }, openText(group)),
          h('span', { class: 'group-last-seen' }, 'last seen ', timeElement(group.lastSeen)),
        ),
      ),
      h('div', { class: 'alert-actions' }, show),
    );
  }
}

// The notification drawer: the same native modal <dialog> as the event drawer, opened by
// #/notifications/<id> (a row click or its subject link), so a notification view can be bookmarked.

import { api } from './api.js';
import { absoluteTime, h, setText } from './dom.js';

const ROUTE = /^#\/notifications\/([^/]+)$/;

function field(label, value) {
  return [h('dt', {}, label), h('dd', {}, value === null || value === undefined || value === '' ? '—' : value)];
}

/** "1.4 s" between two ISO times, or null when either is missing. */
export function elapsed(fromIso, toIso) {
  if (!fromIso || !toIso) return null;
  const ms = new Date(toIso).getTime() - new Date(fromIso).getTime();
  if (Number.isNaN(ms) || ms < 0) return null;
  if (ms < 1_000) return `${ms} ms`;
  if (ms < 120_000) return `${(ms / 1_000).toFixed(1)} s`;
  return `${Math.round(ms / 60_000)} min`;
}

/** NotificationDrawer shows one notification log row; onRetry(id) resolves to {ok, message}. */
export class NotificationDrawer {
  constructor(dialog, { onRetry }) {
    this.dialog = dialog;
    this.onRetry = onRetry;
    this.body = dialog.querySelector('[data-detail-body]');
    this.heading = dialog.querySelector('[data-detail-heading]');
    this.statusLine = dialog.querySelector('[data-detail-status]');
    this.retryButton = dialog.querySelector('[data-detail-retry]');
    this.notificationId = null;
    dialog.querySelector('[data-detail-close]').addEventListener('click', () => dialog.close());
    dialog.addEventListener('close', () => this.closed());
    dialog.addEventListener('click', (e) => {
      if (e.target === dialog) dialog.close();
    });
    this.retryButton.addEventListener('click', () => this.retry());
    window.addEventListener('hashchange', () => this.route());
  }

  /** Opens the drawer if the URL names a notification, closes it otherwise. */
  route() {
    const match = ROUTE.exec(window.location.hash);
    if (match) this.open(decodeURIComponent(match[1]));
    else if (this.dialog.open) this.dialog.close();
  }

  async open(id) {
    this.notificationId = String(id);
    setText(this.heading, `Notification #${id}`);
    setText(this.statusLine, '');
    this.retryButton.hidden = true;
    this.body.replaceChildren(h('p', { class: 'muted' }, 'Loading…'));
    this.body.setAttribute('aria-busy', 'true');
    if (!this.dialog.open) this.dialog.showModal();
    await this.load(String(id), true);
  }

  /** Re-reads the shown notification when a live change names it. */
  changed(id) {
    if (this.dialog.open && this.notificationId === String(id)) this.load(String(id), false);
  }

  async load(id, reportFailure) {
    try {
      const notification = await api.notification(id);
      if (this.notificationId !== id) return;
      this.show(notification);
    } catch (error) {
      if (this.notificationId !== id || !reportFailure) return;
      this.body.replaceChildren(h('p', { class: 'error-text', role: 'alert' }, `Could not load the notification: ${error.message}`));
    } finally {
      this.body.removeAttribute('aria-busy');
    }
  }

  show(n) {
    const status = String(n.status || 'unknown');
    setText(this.heading, `Notification #${n.id}`);
    this.retryButton.hidden = status !== 'failed';
    const eventLink = n.eventId === null || n.eventId === undefined
      ? null
      : h('a', { href: `#/events/${encodeURIComponent(n.eventId)}` }, `Event #${n.eventId}`);
    const parts = [
      h(
        'dl',
        { class: 'facts' },
        field('Status', h('span', { class: `status status-${status}`, 'data-notification-status': status }, status)),
        field('Channel', n.channelType ? `${n.channelType} (channel #${n.channelId})` : null),
        field('Recipient', n.recipient),
        field('Rule', n.ruleId === null || n.ruleId === undefined ? null : `#${n.ruleId}`),
        field('Event', eventLink),
        field('Alert', n.alertId === null || n.alertId === undefined ? null : `#${n.alertId}`),
        field('Attempts', n.attempts),
        field('Response code', n.responseCode),
        n.suppressedCount ? field('Suppressed repeats', n.suppressedCount) : null,
      ),
      n.lastError
        ? h('div', { class: 'event-error', role: 'note' }, h('h3', {}, status === 'sent' ? 'Error of an earlier attempt' : 'Last error'),
          h('pre', {}, String(n.lastError)))
        : null,
      h('h3', {}, 'Timings'),
      h(
        'dl',
        { class: 'facts' },
        field('Created', absoluteTime(n.createdAt)),
        field('Sent', n.sentAt ? absoluteTime(n.sentAt) : null),
        field('Created to sent', elapsed(n.createdAt, n.sentAt)),
        field('Next attempt', n.nextAttemptAt ? absoluteTime(n.nextAttemptAt) : null),
        field('Last change', absoluteTime(n.updatedAt)),
      ),
      h('h3', {}, 'Subject'),
      h('p', { class: 'notification-subject' }, n.subject || '(none)'),
      h('h3', {}, 'Body'),
      h('pre', { class: 'payload message-body', 'data-notification-body': '', tabindex: '0' }, h('code', {}, n.body ?? '(empty)')),
    ];
    this.body.replaceChildren(...parts.flat().filter(Boolean));
  }

  async retry() {
    const id = this.notificationId;
    this.retryButton.disabled = true;
    setText(this.statusLine, 'Retrying…');
    try {
      const result = await this.onRetry(Number(id));
      setText(this.statusLine, result.message);
      if (this.notificationId === id && this.dialog.open) await this.load(id, false);
    } finally {
      this.retryButton.disabled = false;
    }
  }

  closed() {
    this.notificationId = null;
    if (ROUTE.test(window.location.hash)) {
      history.replaceState(null, '', window.location.pathname + window.location.search);
    }
  }
}

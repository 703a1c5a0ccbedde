// The notifications panel: the newest notification log rows, a status filter, "Load more" by
// keyset, live status changes from the socket, and retries. The rows are drawn by lit-html's repeat
// keyed by notification id, so a row keeps its element and focus stays on the button or link the
// operator is on while rows update around it.

import { api } from './api.js';
import { bulkConfirmation, countUpTo } from './bulk-count.js';
import { setText } from './dom.js';
import { html, nothing, relativeTimeTemplate, render, repeat } from './lit.js';
import { NotificationStore } from './notification-store.js';

const PAGE = 30;
/** The most one POST /api/notification-logs/retry sends again (LogController.MAX_BULK). */
const RETRY_LIMIT = 1000;
const RENDER_DELAY_MS = 50;

const STATUS_LABEL = { pending: 'pending', sending: 'sending', sent: 'sent', failed: 'failed', suppressed: 'suppressed' };

/** NotificationsPanel renders into the section marked up in index.html; onOpen(id) shows a row's detail. */
export class NotificationsPanel {
  constructor(root, { onOpen }) {
    this.root = root;
    this.onOpen = onOpen;
    this.store = new NotificationStore();
    this.tbody = root.querySelector('[data-notification-rows]');
    this.table = root.querySelector('table');
    this.empty = root.querySelector('[data-notifications-empty]');
    this.errorLine = root.querySelector('[data-notifications-error]');
    this.outcome = root.querySelector('[data-notifications-outcome]');
    this.announcer = root.querySelector('[data-notifications-announce]');
    this.moreButton = root.querySelector('[data-notifications-more]');
    this.retryAllButton = root.querySelector('[data-notifications-retry-all]');
    this.filter = root.querySelector('[data-notifications-filter]');
    this.generation = 0;
    this.renderTimer = null;

    this.filter.addEventListener('change', () => this.load());
    this.moreButton.addEventListener('click', () => this.loadMore());
    this.retryAllButton.addEventListener('click', () => this.retryAllFailed());
  }

  /** Loads the first page for the current filter; the newest call wins over slower earlier ones. */
  async load() {
    const generation = ++this.generation;
    const status = this.filter.value;
    const mark = this.store.mark();
    this.table.setAttribute('aria-busy', 'true');
    try {
      const page = await api.notifications({ status, limit: PAGE });
      if (generation !== this.generation) return;
      this.store.status = status;
      this.store.reset((page && page.items) || [], page && page.nextBefore, mark);
      this.showError(null);
      this.render();
    } catch (error) {
      if (generation === this.generation) this.showError(error);
    } finally {
      if (generation === this.generation) this.table.removeAttribute('aria-busy');
    }
  }

  async loadMore() {
    const before = this.store.before;
    if (before === null) return;
    const generation = this.generation;
    const mark = this.store.mark();
    this.moreButton.disabled = true;
    try {
      const page = await api.notifications({ status: this.store.status, limit: PAGE, before });
      if (generation !== this.generation) return; // the filter changed meanwhile
      this.store.append((page && page.items) || [], page && page.nextBefore, mark);
      this.showError(null);
      this.render();
    } catch (error) {
      this.showError(error);
    } finally {
      this.moreButton.disabled = false;
    }
  }

  /** A {"type":"notification"} message from the socket. */
  onLive(data) {
    const row = this.store.live(data);
    if (!row) return;
    if (row.status === 'failed') {
      setText(this.announcer, `Notification ${row.id} to ${row.recipient || 'its recipient'} failed.`);
    }
    this.renderSoon();
  }

  clear() {
    this.generation += 1;
    clearTimeout(this.renderTimer);
    this.store.clear();
    setText(this.outcome, '');
    this.render();
  }

  /** Retries one failed notification; returns {ok, message}, which is also shown above the table. */
  async retry(id, button) {
    const mark = this.store.mark();
    if (button) button.disabled = true;
    setText(this.outcome, `Retrying notification ${id}…`);
    let result;
    try {
      const answer = await api.retryNotification(id);
      this.store.update({ id, status: (answer && answer.status) || 'pending', attempts: 0, nextAttemptAt: null }, mark);
      result = { ok: true, message: `Notification ${id} is queued to be sent again.` };
    } catch (error) {
      result = { ok: false, message: `Retry of notification ${id} failed: ${error.message}` };
      if (error.status === 409) this.refreshRow(id);
    } finally {
      if (button) button.disabled = false;
    }
    setText(this.outcome, result.message);
    this.render();
    return result;
  }

  async retryAllFailed() {
    this.retryAllButton.disabled = true;
    setText(this.outcome, 'Counting failed notifications…');
    try {
      const counted = await countUpTo((before) => api.notifications({ status: 'failed', limit: 200, before }), RETRY_LIMIT);
      const question = bulkConfirmation(counted, { singular: 'failed notification', plural: 'failed notifications', verb: 'Retry', limit: RETRY_LIMIT });
      if (!question) {
        setText(this.outcome, 'There were no failed notifications to retry.');
        return;
      }
      if (!window.confirm(question)) {
        setText(this.outcome, '');
        return;
      }
      setText(this.outcome, 'Retrying every failed notification…');
      const answer = await api.retryFailedNotifications();
      const count = Number((answer && answer.retried) || 0);
      setText(this.outcome, count === 0
        ? 'There were no failed notifications to retry.'
        : `${count} failed notification${count === 1 ? ' is' : 's are'} queued to be sent again.`);
      // which rows went back to pending is only known to the server
      if (count > 0) await this.load();
    } catch (error) {
      setText(this.outcome, `Retrying failed notifications did not work: ${error.message}`);
    } finally {
      this.retryAllButton.disabled = false;
    }
  }

  /** Re-reads one row (after a refused retry) and shows it. */
  async refreshRow(id) {
    const mark = this.store.mark();
    try {
      this.store.update(await api.notification(id), mark);
      this.renderSoon();
    } catch {
      // the row keeps what it showed; the next reload settles it
    }
  }

  showError(error) {
    if (error && error.status === 401) return;
    setText(this.errorLine, error ? `Could not load notifications: ${error.message}` : '');
  }

  renderSoon() {
    // a burst of socket messages (a large group being notified) becomes one DOM update
    if (this.renderTimer !== null) return;
    this.renderTimer = setTimeout(() => {
      this.renderTimer = null;
      this.render();
    }, RENDER_DELAY_MS);
  }

  render() {
    clearTimeout(this.renderTimer);
    this.renderTimer = null;
    const shown = this.store.list();
    // a Retry button that hides under the focus (the row left failed) hands it to its row's subject link
    const focused = this.tbody.contains(document.activeElement) ? document.activeElement : null;
    render(
      repeat(
        shown,
        (n) => n.id,
        (n) => this.row(n),
      ),
      this.tbody,
    );
    if (focused?.hidden) focused.closest('tr')?.querySelector('a')?.focus();
    this.tbody.dataset.count = String(shown.length);
    this.empty.hidden = shown.length > 0;
    this.table.hidden = shown.length === 0;
    this.moreButton.hidden = this.store.before === null || this.store.before === undefined;
  }

  row(n) {
    const status = STATUS_LABEL[n.status] || 'pending';
    const linkId = `notification-${n.id}-subject`;
    // a sent row may still carry the error of an earlier attempt, which is history rather than news
    const earlier = status === 'sent' && n.lastError;
    const errorTitle = n.lastError ? (earlier ? `Error of an earlier attempt: ${n.lastError}` : n.lastError) : '';
    // the whole row opens the detail for pointer users; keyboard users have the subject link
    const open = (event) => {
      if (!event.target.closest('a, button')) this.onOpen(n.id);
    };
    return html`<tr class="ntf-row ntf-${status}" data-notification-id=${n.id} data-status=${status} data-event-id=${n.eventId ?? nothing} @click=${open}>
      <td><span class="badge ntf-badge" data-cell="status">${status}</span></td>
      <td data-cell="channel">${n.channelType || '—'}</td>
      <td class="recipient" data-cell="recipient">${n.recipient || '—'}</td>
      <td class="subject"><a id=${linkId} href="#/notifications/${encodeURIComponent(n.id)}" data-cell="subject">${n.subject || '(no subject)'}</a></td>
      <td class="num" data-cell="attempts">${n.attempts ?? '—'}</td>
      <td class="last-error${earlier ? ' muted' : ''}" data-cell="error" title=${errorTitle}>${earlier ? `earlier: ${n.lastError}` : n.lastError || ''}</td>
      <td data-cell="time">${n.createdAt ? relativeTimeTemplate(n.createdAt) : '—'}</td>
      <td class="row-actions">
        <button type="button" class="retry" data-retry aria-describedby=${linkId} ?hidden=${status !== 'failed'}
          @click=${(event) => this.retry(n.id, event.currentTarget)}>Retry</button>
      </td>
    </tr>`;
  }
}

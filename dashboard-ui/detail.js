// The event drawer: a native modal <dialog> (focus trap, Escape and focus return come with it)
// opened by the #/events/<id> link on each alert, so an event view can also be bookmarked.

import { api } from './api.js';
import { absoluteTime, h, setText } from './dom.js';

const ROUTE = /^#\/events\/([^/]+)$/;

/** Pretty JSON for objects; strings that hold JSON are parsed first, anything else (a non-JSON body) shown as-is. */
export function prettyPayload(payload) {
  if (payload === null || payload === undefined) return '(empty)';
  if (typeof payload === 'string') {
    try {
      return JSON.stringify(JSON.parse(payload), null, 2);
    } catch {
      return payload;
    }
  }
  return JSON.stringify(payload, null, 2);
}

function headerRows(headers) {
  if (!headers || typeof headers !== 'object') return [];
  return Object.entries(headers)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, value]) => h('tr', {}, h('th', { scope: 'row' }, name), h('td', {}, Array.isArray(value) ? value.join(', ') : String(value))));
}

function field(label, value) {
  return [h('dt', {}, label), h('dd', {}, value === null || value === undefined || value === '' ? '—' : value)];
}

/** EventDrawer shows one webhook event and offers a replay. */
export class EventDrawer {
  constructor(dialog) {
    this.dialog = dialog;
    this.body = dialog.querySelector('[data-detail-body]');
    this.heading = dialog.querySelector('[data-detail-heading]');
    this.statusLine = dialog.querySelector('[data-detail-status]');
    this.replayButton = dialog.querySelector('[data-detail-replay]');
    this.eventId = null;
    dialog.querySelector('[data-detail-close]').addEventListener('click', () => dialog.close());
    dialog.addEventListener('close', () => this.closed());
    // a click on the backdrop lands on the dialog element itself
    dialog.addEventListener('click', (e) => {
      if (e.target === dialog) dialog.close();
    });
    this.replayButton.addEventListener('click', () => this.replay());
    window.addEventListener('hashchange', () => this.route());
  }

  /** Opens the drawer if the URL names an event. */
  route() {
    const match = ROUTE.exec(window.location.hash);
    if (match) this.open(decodeURIComponent(match[1]));
    else if (this.dialog.open) this.dialog.close();
  }

  async open(eventId) {
    this.eventId = eventId;
    setText(this.heading, `Event #${eventId}`);
    setText(this.statusLine, '');
    this.replayButton.disabled = true;
    this.body.replaceChildren(h('p', { class: 'muted' }, 'Loading…'));
    this.body.setAttribute('aria-busy', 'true');
    if (!this.dialog.open) this.dialog.showModal();
    try {
      const event = await api.event(eventId);
      if (this.eventId !== eventId) return;
      this.show(event);
      this.replayButton.disabled = false;
    } catch (error) {
      if (this.eventId !== eventId) return;
      this.body.replaceChildren(h('p', { class: 'error-text', role: 'alert' }, `Could not load the event: ${error.message}`));
    } finally {
      this.body.removeAttribute('aria-busy');
    }
  }

  show(event) {
    const status = String(event.status || 'unknown');
    setText(this.heading, `Event #${event.id}`);
    const timings = event.processingMs === null || event.processingMs === undefined ? null : `${event.processingMs} ms`;
    // replaceChildren would print a null as "null", so optional parts are filtered out first
    const parts = [
      h(
        'dl',
        { class: 'facts' },
        field('Status', h('span', { class: `status status-${status}`, 'data-event-status': status }, status)),
        field('Source', event.source),
        field('Type', event.eventType),
        field('Delivery id', event.deliveryId),
        field('Attempts', event.attempts),
        field('Received', absoluteTime(event.receivedAt)),
        field('Processed', event.processedAt ? absoluteTime(event.processedAt) : null),
        field('Processing', timings),
      ),
      event.error ? h('div', { class: 'event-error', role: 'note' }, h('h3', {}, 'Error'), h('pre', {}, String(event.error))) : null,
      h('h3', {}, 'Payload'),
      h('pre', { class: 'payload', 'data-detail-payload': '', tabindex: '0' }, h('code', {}, prettyPayload(event.payload ?? event.body))),
      h('h3', {}, 'Headers'),
      h('table', { class: 'headers' }, h('tbody', {}, headerRows(event.headers))),
    ];
    this.body.replaceChildren(...parts.filter(Boolean));
  }

  async replay() {
    const eventId = this.eventId;
    this.replayButton.disabled = true;
    setText(this.statusLine, 'Replaying…');
    try {
      await api.replay(eventId);
      setText(this.statusLine, 'Replay queued; the event will be processed again.');
      if (this.eventId === eventId && this.dialog.open) await this.refreshKeepingStatus(eventId);
    } catch (error) {
      setText(this.statusLine, `Replay failed: ${error.message}`);
    } finally {
      this.replayButton.disabled = false;
    }
  }

  async refreshKeepingStatus(eventId) {
    try {
      this.show(await api.event(eventId));
    } catch {
      // the replay itself succeeded; a failed refresh leaves the previous view in place
    }
  }

  closed() {
    this.eventId = null;
    if (ROUTE.test(window.location.hash)) {
      history.replaceState(null, '', window.location.pathname + window.location.search);
    }
  }
}

// The event drawer: a native modal <dialog> (focus trap, Escape and focus return come with it)
// opened by the #/events/<id> link on each alert, so an event view can also be bookmarked.

import { api } from './api.js';
import { absoluteTime, h, setText } from './dom.js';
import { jsonText, jsonView } from './json-view.js';

const ROUTE = /^#\/events\/([^/]+)$/;

/** Pretty JSON for objects; strings that hold JSON are parsed first, anything else (a non-JSON body) shown as-is. */
export function prettyPayload(payload) {
  return payload === null || payload === undefined ? '(empty)' : jsonText(payload);
}

/** Headers sorted by name, so two events' headers read alike. */
export function sortedHeaders(headers) {
  if (!headers || typeof headers !== 'object') return {};
  return Object.fromEntries(Object.entries(headers).sort(([a], [b]) => a.localeCompare(b)));
}

/** Whether POST /api/events/{id}/replay can work: every event but a processed one, which already has its alert (409). */
export function replayable(event) {
  return Boolean(event) && event.status !== 'processed';
}

/** The event's attempt timeline, oldest first: [{ at, label, tone }]. Events keep times, not an attempt log. */
export function eventTimeline(event) {
  const steps = [{ at: event.receivedAt, label: 'Received and stored', tone: 'ok' }];
  const attempts = Number(event.attempts || 0);
  if (event.processingStartedAt) {
    steps.push({ at: event.processingStartedAt, label: `Processing started (attempt ${Math.max(attempts, 1)})`, tone: 'info' });
  }
  if (event.status === 'processed') {
    steps.push({ at: event.processedAt, label: event.alertId ? `Processed: alert #${event.alertId}` : 'Processed', tone: 'ok' });
  } else if (event.status === 'failed') {
    steps.push({ at: event.processedAt || event.processingStartedAt, label: `Failed after ${attempts} attempt${attempts === 1 ? '' : 's'}${event.error ? `: ${event.error}` : ''}`, tone: 'error' });
  } else {
    steps.push({ at: null, label: event.status === 'processing' ? 'Being processed' : 'Waiting for a worker', tone: 'info' });
  }
  return steps;
}

/** An ordered list for a timeline of { at, label, tone } steps. */
export function timelineList(steps) {
  return h(
    'ol',
    { class: 'timeline', 'data-timeline': '' },
    ...steps.map((step) => h('li', { class: `timeline-${step.tone}` }, h('span', { class: 'timeline-label' }, step.label), step.at ? h('time', { datetime: step.at }, absoluteTime(step.at)) : null)),
  );
}

function field(label, value) {
  return [h('dt', {}, label), h('dd', {}, value === null || value === undefined || value === '' ? '—' : value)];
}

/** EventDrawer shows one webhook event and offers a replay. */
export class EventDrawer {
  /** onChange(id): an event was replayed (lists showing it reload). */
  constructor(dialog, { onChange = () => {} } = {}) {
    this.dialog = dialog;
    this.onChange = onChange;
    this.body = dialog.querySelector('[data-detail-body]');
    this.heading = dialog.querySelector('[data-detail-heading]');
    this.statusLine = dialog.querySelector('[data-detail-status]');
    this.replayButton = dialog.querySelector('[data-detail-replay]');
    this.eventId = null;
    this.returnHash = '#/';
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
    else {
      // where closing the drawer goes back to: the page (and its filters) the event was opened from
      this.returnHash = window.location.hash.startsWith('#/') ? window.location.hash : '#/';
      if (this.dialog.open) this.dialog.close();
    }
  }

  async open(eventId) {
    this.eventId = eventId;
    setText(this.heading, `Event #${eventId}`);
    setText(this.statusLine, '');
    this.replayButton.disabled = true;
    this.replayButton.hidden = true;
    this.body.replaceChildren(h('p', { class: 'muted' }, 'Loading…'));
    this.body.setAttribute('aria-busy', 'true');
    if (!this.dialog.open) this.dialog.showModal();
    try {
      const event = await api.event(eventId);
      if (this.eventId !== eventId) return;
      this.show(event);
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
      h('h3', {}, 'Attempts'),
      timelineList(eventTimeline(event)),
      jsonView('Payload', event.payload ?? event.body, 'payload'),
      jsonView('Headers', sortedHeaders(event.headers), 'headers'),
    ];
    this.body.replaceChildren(...parts.filter(Boolean));
    this.replayButton.hidden = !replayable(event);
    this.replayButton.disabled = !replayable(event);
  }

  async replay() {
    const eventId = this.eventId;
    this.replayButton.disabled = true;
    setText(this.statusLine, 'Replaying…');
    try {
      await api.replay(eventId);
      setText(this.statusLine, 'Replay queued; the event will be processed again.');
      this.onChange(eventId);
      if (this.eventId === eventId && this.dialog.open) await this.refreshUntilSettled(eventId);
    } catch (error) {
      setText(this.statusLine, `Replay failed: ${error.message}`);
      if (this.eventId === eventId && this.dialog.open) await this.refreshKeepingStatus(eventId);
    }
  }

  async refreshKeepingStatus(eventId) {
    try {
      const event = await api.event(eventId);
      if (this.eventId === eventId) this.show(event);
      return event;
    } catch {
      // the replay itself succeeded; a failed refresh leaves the previous view in place
      return null;
    }
  }

  /** Re-reads a replayed event a few times while the worker takes it, so the drawer shows where it ended. */
  async refreshUntilSettled(eventId) {
    for (let i = 0; i < 10 && this.eventId === eventId; i += 1) {
      const event = await this.refreshKeepingStatus(eventId);
      if (event && (event.status === 'processed' || event.status === 'failed')) {
        setText(this.statusLine, `Replayed: the event is ${event.status} now.`);
        this.onChange(eventId);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }

  closed() {
    this.eventId = null;
    // a hash-only replace fires hashchange without a history entry, so the console shows the page it came from
    // (home for a drawer opened from a bookmark)
    if (ROUTE.test(window.location.hash)) window.location.replace(this.returnHash);
  }
}

// The Events page (#/events): every stored event newest first, narrowed by source, status, type and
// time received, with the filter kept in the hash (#/events?status=failed) and "Load more" by
// keyset. A row opens the event drawer (#/events/<id>, detail.js); "Replay all failed" counts what
// it would send back before asking.

import { bulkConfirmation, countUpTo } from './bulk-count.js';
import { h, setText, timeElement } from './dom.js';
import {
  EVENT_STATUSES,
  eventApiParams,
  eventsHash,
  localInputValue,
  normaliseEventFilter,
  parseEventsHash,
} from './events-query.js';

const PAGE = 50;
/** The most one POST /api/events/replay-failed sends back (EventController.MAX_BULK_REPLAY). */
export const REPLAY_LIMIT = 1000;

function path(params) {
  const search = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== ''));
  const text = search.toString();
  return text ? `api/events?${text}` : 'api/events';
}

function eventCard(event) {
  const status = String(event.status || 'unknown');
  return h(
    'li',
    { class: `resource-card event-card event-${status}`, 'data-event-id': event.id, 'data-status': status },
    h(
      'a',
      { class: 'event-link', href: `#/events/${encodeURIComponent(event.id)}` },
      h('span', { class: `status status-${status}` }, status),
      ' ',
      h('strong', {}, event.eventType || '(no type)'),
      ' from ',
      h('span', { class: 'event-source' }, event.source || '—'),
    ),
    h(
      'p',
      { class: 'event-meta muted' },
      `#${event.id} · `,
      timeElement(event.receivedAt),
      ` · ${event.attempts} attempt${event.attempts === 1 ? '' : 's'}`,
      event.processingMs !== null && event.processingMs !== undefined ? ` · ${event.processingMs} ms` : '',
    ),
    event.error ? h('p', { class: 'event-card-error error-text' }, event.error) : null,
  );
}

export function eventsPage() {
  let context;
  let form;
  let list;
  let status;
  let outcome;
  let more;
  let replayAll;
  let sources;
  let filter = normaliseEventFilter();
  let nextBefore = null;
  let generation = 0;
  let shown = false;

  const request = (before) => context.api.request('GET', path({ ...eventApiParams(filter), limit: PAGE, before }));

  async function load() {
    const mine = ++generation;
    list.setAttribute('aria-busy', 'true');
    try {
      const page = await request();
      if (mine !== generation) return;
      list.replaceChildren(...((page && page.items) || []).map(eventCard));
      nextBefore = page ? page.nextBefore : null;
      more.hidden = nextBefore === null || nextBefore === undefined;
      setText(status, list.children.length ? '' : 'No events match these filters.');
    } catch (error) {
      if (mine === generation) setText(status, `Could not load events: ${error.message}`);
    } finally {
      if (mine === generation) list.removeAttribute('aria-busy');
    }
  }

  async function loadMore() {
    if (nextBefore === null || nextBefore === undefined) return;
    const mine = generation;
    more.disabled = true;
    try {
      const page = await request(nextBefore);
      if (mine !== generation) return;
      list.append(...((page && page.items) || []).map(eventCard));
      nextBefore = page ? page.nextBefore : null;
      more.hidden = nextBefore === null || nextBefore === undefined;
    } catch (error) {
      setText(status, `Could not load more events: ${error.message}`);
    } finally {
      more.disabled = false;
    }
  }

  async function replayAllFailed() {
    replayAll.disabled = true;
    setText(outcome, 'Counting failed events…');
    try {
      const source = filter.source;
      const counted = await countUpTo(
        (before) => context.api.request('GET', path({ status: 'failed', source, limit: 200, before })),
        REPLAY_LIMIT,
      );
      const question = bulkConfirmation(counted, {
        singular: source ? `failed event of ${source}` : 'failed event',
        plural: source ? `failed events of ${source}` : 'failed events',
        verb: 'Replay',
        limit: REPLAY_LIMIT,
      });
      if (!question) {
        setText(outcome, 'There are no failed events to replay.');
        return;
      }
      if (!window.confirm(question)) {
        setText(outcome, '');
        return;
      }
      const answer = await context.api.request('POST', source ? `api/events/replay-failed?source=${encodeURIComponent(source)}` : 'api/events/replay-failed');
      const replayed = Number((answer && answer.replayed) || 0);
      setText(outcome, `${replayed} failed event${replayed === 1 ? ' is' : 's are'} queued to be processed again${answer && answer.remaining ? '; more are left, replay again for the rest' : ''}.`);
      await load();
    } catch (error) {
      setText(outcome, `Replaying failed events did not work: ${error.message}`);
    } finally {
      replayAll.disabled = false;
    }
  }

  function fillForm() {
    for (const key of ['source', 'status', 'type']) form.elements[key].value = filter[key];
    form.elements.from.value = localInputValue(filter.from);
    form.elements.to.value = localInputValue(filter.to);
  }

  function readForm() {
    const value = (name) => form.elements[name].value;
    const instant = (name) => (value(name) ? new Date(value(name)).toISOString() : '');
    return normaliseEventFilter({ source: value('source'), status: value('status'), type: value('type'), from: instant('from'), to: instant('to') });
  }

  /** Shows the list the hash names, if it names another filter than the one shown. */
  function fromHash(force) {
    const hash = window.location.hash;
    if (!/^#\/events(\?|$)/.test(hash)) return; // a drawer (#/events/12) or another page
    const wanted = parseEventsHash(hash);
    if (!force && JSON.stringify(wanted) === JSON.stringify(filter)) return;
    filter = wanted;
    fillForm();
    load();
  }

  async function loadSources() {
    try {
      const page = await context.api.request('GET', 'api/sources');
      const items = Array.isArray(page) ? page : (page && page.items) || [];
      sources.replaceChildren(...items.map((s) => h('option', { value: s.slug }, s.name)));
    } catch {
      // the source field still takes a typed slug
    }
  }

  const field = (label, control, wide) => h('label', { class: `filter-field${wide ? ' filter-wide' : ''}` }, label, control);

  return {
    name: 'events',
    title: 'Events',
    mount(container, ctx) {
      context = ctx;
      sources = h('datalist', { id: 'events-source-options' });
      form = h(
        'form',
        { class: 'alert-filters events-filters', 'aria-label': 'Event filters' },
        field('Source', h('input', { name: 'source', list: 'events-source-options', autocomplete: 'off', maxlength: 200, spellcheck: 'false' })),
        field('Status', h('select', { name: 'status' }, h('option', { value: '' }, 'Any'), ...EVENT_STATUSES.map((s) => h('option', { value: s }, s)))),
        field('Event type', h('input', { name: 'type', autocomplete: 'off', maxlength: 200, spellcheck: 'false' })),
        field('Received from', h('input', { name: 'from', type: 'datetime-local' })),
        field('Received before', h('input', { name: 'to', type: 'datetime-local' })),
        h(
          'div',
          { class: 'filter-actions' },
          h('button', { type: 'button', 'data-events-clear': '', onclick: () => { window.location.hash = eventsHash(normaliseEventFilter()); } }, 'Clear'),
          h('button', { type: 'submit', class: 'primary' }, 'Apply'),
        ),
        sources,
      );
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        const next = eventsHash(readForm());
        if (next === window.location.hash) fromHash(true);
        else window.location.hash = next;
      });
      replayAll = h('button', { type: 'button', class: 'operator-action', 'data-events-replay-failed': '', onclick: () => replayAllFailed() }, 'Replay all failed');
      outcome = h('p', { class: 'hint', role: 'status', 'data-events-outcome': '' });
      status = h('p', { class: 'hint', role: 'status' });
      list = h('ul', { class: 'resource-list events-list', 'data-events-list': '' });
      more = h('button', { type: 'button', 'data-events-more': '', hidden: true, onclick: () => loadMore() }, 'Load more');
      container.append(form, h('div', { class: 'resource-toolbar' }, replayAll), outcome, status, list, h('div', { class: 'resource-toolbar' }, more));
      window.addEventListener('hashchange', () => {
        if (shown) fromHash(false);
      });
    },
    show() {
      shown = true;
      loadSources();
      fromHash(true);
    },
    hide() {
      shown = false;
    },
    /** An event changed (a replay in the drawer): the list shows its new status. */
    refresh() {
      if (shown) load();
    },
  };
}

// The Queues page (#/queues), after Laravel Horizon: one card per Redis work stream (events,
// notifications, deliveries) with its length, the group's lag and pending entries, how long the
// oldest entry has waited, the consumers and how long each has been idle, what was done per minute
// and what failed (with the way to retry it). Refreshed every few seconds while it is shown.

import { h, setText } from './dom.js';

const REFRESH_MS = 5_000;

/** Where each queue's failed items are retried from. */
const FAILED_LINKS = {
  events: { href: '#/events?status=failed', text: 'Replay from the Events page' },
  notifications: { href: '#/', text: 'Retry from the notifications panel' },
  deliveries: { href: '#/subscriptions', text: 'Retry from the Subscriptions page' },
};

/** "—" for none, "850 ms", "42 s", "3 min 5 s", "2 h 4 min" for seconds. */
export function duration(seconds) {
  if (seconds === null || seconds === undefined || Number.isNaN(Number(seconds))) return '—';
  const s = Number(seconds);
  if (s < 1) return `${Math.round(s * 1000)} ms`;
  if (s < 60) return `${Math.round(s)} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

/** The facts of one queue as [term, text] pairs, in the order the card shows them. */
export function queueFacts(queue, failedCap) {
  const stream = queue.stream;
  const failed = `${queue.failed >= failedCap ? 'at least ' : ''}${queue.failed}`;
  const done = `${queue.perMinute} / min (${queue.doneInWindow} in the window)`;
  if (!stream) {
    return [['Length', 'unknown: Redis does not answer'], ['Throughput', done], ['Failed', failed]];
  }
  return [
    ['Length', String(stream.length)],
    ['Lag (not yet read)', stream.groupExists ? (stream.lag === null || stream.lag === undefined ? 'unknown' : String(stream.lag)) : `${stream.length} (no consumer group yet)`],
    ['Pending (read, not acknowledged)', String(stream.pending)],
    ['Oldest pending', duration(stream.oldestPendingSeconds)],
    ['Wait time (oldest waiting)', duration(stream.oldestWaitingSeconds)],
    ['Retries scheduled', queue.scheduledRetries === null || queue.scheduledRetries === undefined ? '—' : String(queue.scheduledRetries)],
    ['Throughput', done],
    ['Failed', failed],
  ];
}

function queueCard(queue, failedCap) {
  const stream = queue.stream;
  const link = FAILED_LINKS[queue.name];
  const consumers = stream && stream.consumers ? stream.consumers : [];
  return h(
    'li',
    { class: 'resource-card queue-card', 'data-queue': queue.name },
    h('h3', {}, queue.name, ' ', h('span', { class: 'muted queue-key' }, queue.key)),
    h('dl', {}, ...queueFacts(queue, failedCap).map(([term, text]) => [h('dt', {}, term), h('dd', { 'data-fact': term }, text)])),
    queue.failed > 0 && link ? h('p', {}, h('a', { href: link.href, 'data-queue-failed-link': queue.name }, link.text)) : null,
    h('h4', {}, `Consumers (group ${queue.group})`),
    consumers.length
      ? h(
          'ul',
          { class: 'queue-consumers' },
          ...consumers.map((c) => h('li', { 'data-consumer': c.name }, h('span', { class: 'consumer-name' }, c.name), ` · ${c.pending} pending · idle ${duration(c.idleMs / 1000)}`)),
          stream.consumerCount > consumers.length ? h('li', { class: 'muted' }, `and ${stream.consumerCount - consumers.length} more`) : null,
        )
      : h('p', { class: 'muted' }, stream ? 'No consumers.' : '—'),
  );
}

export function queuesPage() {
  let context;
  let list;
  let status;
  let timer = null;
  let generation = 0;

  async function load() {
    const mine = ++generation;
    try {
      const answer = await context.api.request('GET', 'api/queues');
      if (mine !== generation) return;
      list.replaceChildren(...((answer && answer.queues) || []).map((q) => queueCard(q, answer.failedCap)));
      setText(status, answer.redis === 'up'
        ? `Updated ${new Date().toLocaleTimeString()}; throughput over the last ${answer.windowMinutes} minutes.`
        : 'Redis does not answer: the streams are unknown; the figures from PostgreSQL are current.');
    } catch (error) {
      if (mine === generation) setText(status, `Could not load the queues: ${error.message}`);
    }
  }

  return {
    name: 'queues',
    title: 'Queues',
    mount(container, ctx) {
      context = ctx;
      status = h('p', { class: 'hint', role: 'status', 'aria-live': 'off', 'data-queues-status': '' });
      list = h('ul', { class: 'resource-list queues-list', 'data-queues-list': '' });
      container.append(status, list);
    },
    show() {
      clearInterval(timer);
      load();
      timer = setInterval(load, REFRESH_MS);
    },
    hide() {
      clearInterval(timer);
      timer = null;
      generation += 1;
    },
  };
}

// The Subscriptions page (#/subscriptions): relay subscriptions as cards (name, URL, event filter,
// active), created and changed by admins through crud.js. Each card opens the subscription's
// deliveries (status filter, attempt timeline, Retry one, Retry all failed after saying how many)
// and its endpoint's health; operators may send a test event, admins rotate the signing secret,
// which is shown this once.

import { bulkConfirmation, countUpTo } from './bulk-count.js';
import { resourcePage } from './crud.js';
import { timelineList } from './detail.js';
import { absoluteTime, h, setText, timeElement } from './dom.js';

const DELIVERY_STATUSES = ['pending', 'sending', 'succeeded', 'failed'];
const PAGE = 30;
/** Counting failed deliveries stops here; the retry itself takes them all. */
const COUNT_CAP = 1000;

/** "all events" or the listed types, and the source when the subscription names one. */
export function eventFilterText(subscription, sourceName) {
  const patterns = (subscription.eventTypes || []).filter((t) => t !== '*');
  const types = patterns.length && patterns.length === (subscription.eventTypes || []).length ? patterns.join(', ') : 'all event types';
  return subscription.sourceId ? `${types} from ${sourceName || 'a deleted source'}` : types;
}

/** "98.5 %" or "—". */
export function percent(rate) {
  return rate === null || rate === undefined ? '—' : `${Math.round(rate * 1000) / 10} %`;
}

/** The attempts of one delivery as timeline steps, oldest first. */
export function deliveryTimeline(attemptLog) {
  return (attemptLog || []).map((a) => {
    const ok = !a.error && a.statusCode !== null && a.statusCode !== undefined && a.statusCode < 300;
    const answer = a.statusCode === null || a.statusCode === undefined ? 'no answer' : `HTTP ${a.statusCode}`;
    const latency = a.latencyMs === null || a.latencyMs === undefined ? '' : ` in ${a.latencyMs} ms`;
    return { at: a.attemptedAt, label: `Attempt ${a.attempt}: ${answer}${latency}${a.error ? ` — ${a.error}` : ''}`, tone: ok ? 'ok' : 'error' };
  });
}

const sourceNames = new Map();
const sourceOptions = [['', 'Any source']];

async function loadSources(context) {
  try {
    const page = await context.api.request('GET', 'api/sources');
    const items = Array.isArray(page) ? page : (page && page.items) || [];
    sourceNames.clear();
    sourceOptions.splice(1, sourceOptions.length, ...items.map((s) => [String(s.id), s.name]));
    for (const s of items) sourceNames.set(s.id, s.name);
  } catch {
    // the cards say "a source" instead of its name
  }
}

let secretDialog;

function showSecretOnce(title, secret, note) {
  const value = h('code', { class: 'secret-value', 'data-secret': '' }, secret);
  secretDialog.replaceChildren(
    h('h3', {}, title),
    h('p', {}, 'Copy the signing secret now: it is not shown again.'),
    h('pre', { tabindex: '0' }, value),
    note ? h('p', { class: 'hint' }, note) : null,
    h('div', { class: 'resource-actions' },
      h('button', { type: 'button', onclick: () => navigator.clipboard?.writeText(secret).catch(() => window.getSelection()?.selectAllChildren(value)) }, 'Copy'),
      // the secret leaves the page as the dialog closes, not a task later when its close event runs
      h('button', { type: 'button', class: 'primary', onclick: () => { secretDialog.replaceChildren(); secretDialog.close(); } }, 'Done')),
  );
  secretDialog.addEventListener('close', () => secretDialog.replaceChildren(), { once: true }); // Esc
  secretDialog.showModal();
}

/** The deliveries and health dialog of one subscription. */
function openDeliveries(subscription, context) {
  const dialog = h('dialog', { class: 'resource-dialog subscription-deliveries', 'aria-label': `Deliveries of ${subscription.name}`, 'data-deliveries-of': subscription.id });
  const filter = h('select', { 'aria-label': 'Delivery status', 'data-deliveries-filter': '' }, h('option', { value: '' }, 'Any status'), ...DELIVERY_STATUSES.map((s) => h('option', { value: s }, s)));
  const list = h('ul', { class: 'delivery-list', 'data-deliveries-list': '' });
  const status = h('p', { class: 'hint', role: 'status' });
  const outcome = h('p', { class: 'hint', role: 'status', 'data-deliveries-outcome': '' });
  const health = h('div', { class: 'endpoint-health', 'data-endpoint-health': '' }, h('p', { class: 'muted' }, 'Loading health…'));
  const more = h('button', { type: 'button', hidden: true }, 'Load more');
  const retryAll = h('button', { type: 'button', class: 'operator-action', 'data-deliveries-retry-failed': '' }, 'Retry all failed');
  let nextBefore = null;
  let generation = 0;

  const listPath = (statusValue, before, limit = PAGE) => {
    const params = new URLSearchParams({ subscription: subscription.id, limit });
    if (statusValue) params.set('status', statusValue);
    if (before !== undefined && before !== null) params.set('before', before);
    return `api/deliveries?${params}`;
  };

  function card(d) {
    const attempts = h('details', { class: 'delivery-attempts' }, h('summary', {}, `Attempts (${d.attempts})`));
    attempts.addEventListener('toggle', async () => {
      if (!attempts.open || attempts.dataset.loaded) return;
      attempts.dataset.loaded = 'true';
      try {
        const detail = await context.api.request('GET', `api/deliveries/${encodeURIComponent(d.id)}`);
        attempts.append(detail.attemptLog && detail.attemptLog.length ? timelineList(deliveryTimeline(detail.attemptLog)) : h('p', { class: 'muted' }, 'No attempt yet.'));
      } catch (error) {
        attempts.append(h('p', { class: 'error-text' }, error.message));
      }
    });
    const retry = d.status === 'failed'
      ? h('button', { type: 'button', class: 'operator-action', 'data-delivery-retry': d.id, onclick: (e) => retryOne(d, e.currentTarget) }, 'Retry')
      : null;
    return h(
      'li',
      { class: `resource-card delivery-card delivery-${d.status}`, 'data-delivery-id': d.id, 'data-status': d.status },
      h('p', {}, h('span', { class: `status status-${d.status}`, 'data-delivery-status': d.status }, d.status), ' ', h('a', { href: `#/events/${encodeURIComponent(d.eventId)}` }, `event #${d.eventId}`), ' · ', timeElement(d.createdAt)),
      h('p', { class: 'muted' }, `${d.attempts} attempt${d.attempts === 1 ? '' : 's'}`, d.lastStatusCode ? ` · last answer HTTP ${d.lastStatusCode}` : '', d.nextAttemptAt ? ` · next ${absoluteTime(d.nextAttemptAt)}` : ''),
      d.lastError ? h('p', { class: d.status === 'succeeded' ? 'muted' : 'error-text' }, d.status === 'succeeded' ? `earlier: ${d.lastError}` : d.lastError) : null,
      attempts,
      retry ? h('div', { class: 'resource-actions' }, retry) : null,
    );
  }

  async function load() {
    const mine = ++generation;
    list.setAttribute('aria-busy', 'true');
    try {
      const page = await context.api.request('GET', listPath(filter.value));
      if (mine !== generation) return;
      list.replaceChildren(...(page.items || []).map(card));
      nextBefore = page.nextBefore;
      more.hidden = nextBefore === null || nextBefore === undefined;
      setText(status, list.children.length ? '' : 'No deliveries match.');
    } catch (error) {
      if (mine === generation) setText(status, `Could not load deliveries: ${error.message}`);
    } finally {
      if (mine === generation) list.removeAttribute('aria-busy');
    }
  }

  async function loadMore() {
    const mine = generation;
    try {
      const page = await context.api.request('GET', listPath(filter.value, nextBefore));
      if (mine !== generation) return;
      list.append(...(page.items || []).map(card));
      nextBefore = page.nextBefore;
      more.hidden = nextBefore === null || nextBefore === undefined;
    } catch (error) {
      setText(status, error.message);
    }
  }

  async function loadHealth() {
    try {
      const hp = await context.api.request('GET', `api/subscriptions/${encodeURIComponent(subscription.id)}/health`);
      const row = (label, w) => [h('dt', {}, label), h('dd', {}, `${w.attempts} attempts · ${percent(w.successRate)} succeeded · p50 ${w.latencyP50Ms ?? '—'} ms · p95 ${w.latencyP95Ms ?? '—'} ms · p99 ${w.latencyP99Ms ?? '—'} ms`)];
      health.replaceChildren(h('h4', {}, 'Endpoint health'), h('dl', {},
        ...row('Last hour', hp.lastHour),
        ...row('Last day', hp.lastDay),
        h('dt', {}, 'Last success'), h('dd', {}, hp.lastSuccessAt ? absoluteTime(hp.lastSuccessAt) : 'never'),
        h('dt', {}, 'Last failure'), h('dd', {}, hp.lastFailureAt ? `${absoluteTime(hp.lastFailureAt)}${hp.lastFailureStatusCode ? ` (HTTP ${hp.lastFailureStatusCode})` : ''}${hp.lastFailureError ? `: ${hp.lastFailureError}` : ''}` : 'never')));
    } catch (error) {
      health.replaceChildren(h('p', { class: 'error-text' }, `Could not load the endpoint's health: ${error.message}`));
    }
  }

  async function retryOne(d, button) {
    button.disabled = true;
    try {
      await context.api.request('POST', `api/deliveries/${encodeURIComponent(d.id)}/retry`);
      setText(outcome, `Delivery of event #${d.eventId} is queued to be sent again.`);
      await load();
      refreshSoon();
    } catch (error) {
      setText(outcome, `Retry did not work: ${error.message}`);
      button.disabled = false;
    }
  }

  async function retryAllFailed() {
    retryAll.disabled = true;
    setText(outcome, 'Counting failed deliveries…');
    try {
      const counted = await countUpTo((before) => context.api.request('GET', listPath('failed', before, 200)), COUNT_CAP);
      const question = bulkConfirmation(counted, { singular: `failed delivery to ${subscription.name}`, plural: `failed deliveries to ${subscription.name}`, verb: 'Retry' });
      if (!question) {
        setText(outcome, 'There are no failed deliveries to retry.');
        return;
      }
      if (!window.confirm(question)) {
        setText(outcome, '');
        return;
      }
      const answer = await context.api.request('POST', `api/subscriptions/${encodeURIComponent(subscription.id)}/retry-failed`);
      const n = Number((answer && answer.retried) || 0);
      setText(outcome, `${n} failed deliver${n === 1 ? 'y is' : 'ies are'} queued to be sent again.`);
      await load();
      refreshSoon();
    } catch (error) {
      setText(outcome, `Retrying failed deliveries did not work: ${error.message}`);
    } finally {
      retryAll.disabled = false;
    }
  }

  // a retried delivery is sent within moments: show where it ended without a manual reload
  let refreshes = 0;
  let timer = null;
  function refreshSoon() {
    refreshes = 10;
    clearTimeout(timer);
    const tick = () => {
      if (!dialog.open || refreshes-- <= 0) return;
      load();
      loadHealth();
      timer = setTimeout(tick, 1500);
    };
    timer = setTimeout(tick, 1000);
  }

  filter.addEventListener('change', () => load());
  more.addEventListener('click', () => loadMore());
  retryAll.addEventListener('click', () => retryAllFailed());
  dialog.append(
    h('h3', {}, `Deliveries of ${subscription.name}`),
    health,
    h('div', { class: 'resource-toolbar delivery-toolbar' }, h('label', { class: 'filter-field' }, 'Status', filter), retryAll),
    outcome,
    status,
    list,
    h('div', { class: 'resource-actions' }, more, h('button', { type: 'button', class: 'primary', 'data-deliveries-close': '', onclick: () => dialog.close() }, 'Close')),
  );
  dialog.addEventListener('close', () => {
    clearTimeout(timer);
    dialog.remove();
  });
  document.body.append(dialog);
  dialog.showModal();
  load();
  loadHealth();
}

async function sendTest(subscription, context, button, reload) {
  button.disabled = true;
  const line = button.closest('.resource-card').querySelector('[data-card-outcome]');
  setText(line, 'Sending a test event…');
  try {
    const answer = await context.api.request('POST', `api/subscriptions/${encodeURIComponent(subscription.id)}/test`);
    const code = answer && (answer.statusCode ?? answer.lastStatusCode);
    setText(line, answer && answer.status === 'pending' ? 'Test queued; no answer yet.' : `Test sent: ${code ? `HTTP ${code}` : 'no answer'}${answer && answer.error ? ` — ${answer.error}` : ''}.`);
  } catch (error) {
    setText(line, `Test did not work: ${error.message}`);
  } finally {
    button.disabled = false;
  }
}

async function rotateSecret(subscription, context, reload) {
  if (!window.confirm(`Rotate the signing secret of ${subscription.name}? The current one keeps signing for a grace period.`)) return;
  try {
    const answer = await context.api.request('POST', `api/subscriptions/${encodeURIComponent(subscription.id)}/rotate-secret`, {});
    showSecretOnce(`New secret for ${subscription.name}`, answer.secret, `The previous secret also signs until ${absoluteTime(answer.previousSecretExpiresAt)}.`);
    reload();
  } catch (error) {
    window.alert(`Rotating the secret did not work: ${error.message}`);
  }
}

const crud = resourcePage({
  name: 'subscriptions',
  title: 'Subscriptions',
  singular: 'subscription',
  path: 'api/subscriptions',
  label: (s) => s.name,
  summary: (s) => [
    ['URL', s.url],
    ['Event filter', eventFilterText(s, sourceNames.get(s.sourceId))],
    ['Active', s.active ? 'yes' : `no${s.disabledReason ? ` (${s.disabledReason})` : ''}`],
    ['Last hour', s.health ? `${s.health.attemptsLastHour} attempts · ${percent(s.health.successRateLastHour)} succeeded` : '—'],
  ],
  fields: [
    { name: 'name', label: 'Name', required: true },
    { name: 'description', label: 'Description', type: 'textarea', rows: 2 },
    { name: 'url', label: 'Endpoint URL', required: true, help: 'https://… where each event is POSTed, signed.' },
    { name: 'eventTypes', label: 'Event types', type: 'list', help: 'One per line or comma-separated; empty for every type.' },
    { name: 'sourceId', label: 'Source', type: 'select', options: sourceOptions },
    { name: 'conditions', label: 'Conditions (JSON)', type: 'json', rows: 4, help: 'Optional payload conditions; empty for none.' },
    { name: 'rateLimitPerSecond', label: 'Rate limit per second', type: 'number' },
    { name: 'signatureHeader', label: 'Signature header', help: 'Empty for the default.' },
    { name: 'headers', label: 'Custom headers (JSON)', type: 'json', rows: 3, createOnly: true, help: 'Values are stored sealed and shown masked.' },
    { name: 'secret', label: 'Signing secret', type: 'password', createOnly: true, help: 'Empty to have one generated; shown once after creating.' },
    { name: 'active', label: 'Active', type: 'checkbox' },
  ],
  defaults: { active: true },
  fromItem: (s) => ({ ...s, sourceId: s.sourceId === null || s.sourceId === undefined ? '' : String(s.sourceId) }),
  toBody: (values) => {
    const body = { ...values, sourceId: values.sourceId ? Number(values.sourceId) : null, eventTypes: values.eventTypes && values.eventTypes.length ? values.eventTypes : ['*'] };
    for (const key of ['signatureHeader', 'headers', 'secret']) if (body[key] === null) delete body[key];
    return body;
  },
  created: (answer) => {
    if (answer && answer.secret) showSecretOnce(`Secret for ${answer.name}`, answer.secret);
  },
  actions: (s, context, reload) => [
    h('button', { type: 'button', 'data-open-deliveries': s.id, onclick: () => openDeliveries(s, context) }, 'Deliveries & health'),
    h('button', { type: 'button', class: 'operator-action', 'data-send-test': s.id, onclick: (e) => sendTest(s, context, e.currentTarget, reload) }, 'Send test'),
    h('button', { type: 'button', class: 'admin-only', 'data-rotate-secret': s.id, onclick: () => rotateSecret(s, context, reload) }, 'Rotate secret'),
    h('p', { class: 'hint card-outcome', role: 'status', 'data-card-outcome': '' }),
  ],
});

export const subscriptionsPage = {
  ...crud,
  mount(container, context) {
    crud.mount.call(this, container, context);
    this.context = context;
    secretDialog = h('dialog', { class: 'resource-dialog', 'aria-label': 'Signing secret', 'data-secret-dialog': '' });
    container.append(secretDialog);
  },
  async show() {
    await loadSources(this.context);
    crud.show.call(this);
  },
};

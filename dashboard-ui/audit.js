// The audit log view: who changed what and when through the admin API, newest first, each entry
// with the fields it changed (before → after), "Load more" by keyset, and a filter by resource.
// The helpers at the top are pure (unit-tested); every value reaches the page as text through h().

import { h, setText, timeElement } from './dom.js';

const PAGE = 30;

/** The resource types the server records, in the filter's order, with how the page names them. */
export const RESOURCES = [
  ['source', 'source'],
  ['event_source', 'event source'],
  ['channel', 'channel'],
  ['template', 'template'],
  ['rule', 'rule'],
  ['group', 'recipient group'],
  ['api_key', 'API key'],
  ['subscription', 'subscription'],
  ['silence', 'silence'],
  ['alert', 'alert'],
  ['event', 'event'],
  ['notification', 'notification'],
  ['delivery', 'delivery'],
  ['user', 'user'],
];
const RESOURCE_LABEL = Object.fromEntries(RESOURCES);

// bookkeeping every write moves; showing it in each diff would hide what really changed
const IGNORED = new Set(['updatedAt']);

function isObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The leaves of a view as dotted paths ("settings.header"), arrays and scalars as values. */
export function flatten(value, prefix = '', into = new Map()) {
  if (!isObject(value)) {
    if (prefix) into.set(prefix, value);
    return into;
  }
  const keys = Object.keys(value);
  if (keys.length === 0 && prefix) into.set(prefix, value);
  for (const key of keys) flatten(value[key], prefix ? `${prefix}.${key}` : key, into);
  return into;
}

/**
 * The fields that differ between two views, in the order they first appear: [{field, before, after}],
 * a missing side as undefined. A create lists every field of after, a delete every field of before.
 */
export function changedFields(before, after) {
  const old = flatten(before ?? {});
  const now = flatten(after ?? {});
  const fields = [...new Set([...old.keys(), ...now.keys()])];
  return fields
    .filter((field) => !IGNORED.has(field.split('.').pop()))
    .filter((field) => JSON.stringify(old.get(field)) !== JSON.stringify(now.get(field)))
    .map((field) => ({ field, before: old.get(field), after: now.get(field) }));
}

/** A value as one line of text: "—" for nothing, strings as they are, anything else as JSON. */
export function formatValue(value) {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** What happened, as a sentence without the actor: 'updated source “GitHub” (#3)'. */
export function describe(entry) {
  const action = String(entry.action || 'changed').replaceAll('_', ' ');
  const type = RESOURCE_LABEL[entry.resourceType] || String(entry.resourceType || 'resource').replaceAll('_', ' ');
  const name = entry.resourceName ? ` “${entry.resourceName}”` : '';
  const id = entry.resourceId ? ` (#${entry.resourceId})` : '';
  return `${action} ${type}${name}${id}`;
}

function diffTable(rows) {
  return h(
    'table',
    { class: 'audit-diff' },
    h(
      'thead',
      {},
      h('tr', {}, h('th', { scope: 'col' }, 'Field'), h('th', { scope: 'col' }, 'Before'), h('th', { scope: 'col' }, 'After')),
    ),
    h(
      'tbody',
      {},
      rows.map((row) =>
        h(
          'tr',
          { 'data-field': row.field },
          h('th', { scope: 'row' }, row.field),
          h('td', { class: 'audit-before' }, formatValue(row.before)),
          h('td', { class: 'audit-after' }, formatValue(row.after)),
        ),
      ),
    ),
  );
}

function entryElement(entry) {
  const rows = changedFields(entry.before, entry.after);
  return h(
    'li',
    { class: 'audit-entry', 'data-audit-id': entry.id, 'data-action': entry.action },
    h(
      'p',
      { class: 'audit-line' },
      h('strong', { class: 'audit-actor' }, entry.actor),
      ' ',
      h('span', { class: 'audit-what' }, describe(entry)),
      ' ',
      timeElement(entry.at),
    ),
    rows.length === 0
      ? null
      : h(
          'details',
          { class: 'audit-changes' },
          h('summary', {}, rows.length === 1 ? '1 field' : `${rows.length} fields`),
          diffTable(rows),
        ),
  );
}

/** AuditPanel renders the section marked up in index.html; load(params) fetches one page of GET /api/audit. */
export class AuditPanel {
  constructor(root, { load }) {
    this.root = root;
    this.fetchPage = load;
    this.list = root.querySelector('[data-audit-rows]');
    this.empty = root.querySelector('[data-audit-empty]');
    this.errorLine = root.querySelector('[data-audit-error]');
    this.moreButton = root.querySelector('[data-audit-more]');
    this.filter = root.querySelector('[data-audit-filter]');
    this.before = null;
    this.generation = 0;

    for (const [value, label] of RESOURCES) this.filter.append(h('option', { value }, label));
    this.filter.addEventListener('change', () => this.load());
    root.querySelector('[data-audit-refresh]').addEventListener('click', () => this.load());
    this.moreButton.addEventListener('click', () => this.loadMore());
  }

  /** The first page for the current filter; the newest call wins over slower earlier ones. */
  async load() {
    const generation = ++this.generation;
    this.list.setAttribute('aria-busy', 'true');
    try {
      const page = await this.fetchPage({ resourceType: this.filter.value, limit: PAGE });
      if (generation !== this.generation) return;
      this.list.replaceChildren();
      this.show(page);
    } catch (error) {
      if (generation === this.generation) this.showError(error);
    } finally {
      if (generation === this.generation) this.list.removeAttribute('aria-busy');
    }
  }

  async loadMore() {
    if (this.before === null) return;
    const generation = this.generation;
    this.moreButton.disabled = true;
    try {
      const page = await this.fetchPage({ resourceType: this.filter.value, limit: PAGE, before: this.before });
      if (generation === this.generation) this.show(page);
    } catch (error) {
      this.showError(error);
    } finally {
      this.moreButton.disabled = false;
    }
  }

  show(page) {
    const items = (page && page.items) || [];
    this.list.append(...items.map(entryElement));
    this.before = page && page.nextBefore !== undefined ? page.nextBefore : null;
    this.moreButton.hidden = this.before === null;
    this.empty.hidden = this.list.children.length > 0;
    this.showError(null);
  }

  showError(error) {
    if (error && error.status === 401) return;
    setText(this.errorLine, error ? error.message : '');
  }

  clear() {
    this.generation++;
    this.list.replaceChildren();
    this.before = null;
    this.moreButton.hidden = true;
  }
}

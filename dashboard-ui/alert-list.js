// The alert list's filter bar, paging and grouping. The filters live in the page's query string
// (alert-query.js), so a reload or a shared link shows the same list; the hash stays the drawers'
// route. "Load more" pages back by keyset to the oldest alert; live alerts join only if they match.

import { api } from './api.js';
import { AlertGroups, groupFilter } from './alert-groups.js';
import { apiParams, emptyFilter, fromLocalInput, isEmpty, matches, normalise, parseSearch, toLocalInput, toSearch } from './alert-query.js';
import { debounce, setText } from './dom.js';

const PAGE = 50;
const TYPING_MS = 350;

/**
 * AlertList drives the feed (feed.js) from the filter form. doc: the page; feed: the AlertFeed;
 * onError(error|null): the page's error line.
 */
export class AlertList {
  constructor(doc, { feed, onError }) {
    this.doc = doc;
    this.feed = feed;
    this.onError = onError;
    this.form = doc.getElementById('alert-filters');
    this.more = doc.getElementById('feed-more');
    this.empty = doc.getElementById('feed-empty');
    this.summary = doc.getElementById('filter-summary');
    this.groupToggle = doc.getElementById('group-toggle');
    this.groupList = doc.getElementById('groups');
    this.groups = new AlertGroups(this.groupList, { onShow: (group) => this.apply({ ...groupFilter(group) }, { push: true }) });
    this.filter = emptyFilter();
    this.before = null; // the next older page's cursor; null when the oldest alert is shown
    this.pages = 0;
    this.generation = 0;
    this.typed = debounce(() => this.apply(this.read()), TYPING_MS);
    this.groupsSoon = debounce(() => this.loadGroups(), 1_000);

    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.typed.cancel();
      this.apply(this.read());
    });
    this.form.addEventListener('input', (event) => {
      if (event.target.matches('input[type="search"], input[type="text"]')) this.typed();
    });
    this.form.addEventListener('change', (event) => {
      if (event.target.matches('input[type="search"], input[type="text"]')) return; // typing already applies
      this.apply(this.read());
    });
    doc.getElementById('clear-filters').addEventListener('click', () => this.apply({ group: this.filter.group }));
    this.more.addEventListener('click', () => this.loadMore());
    this.groupToggle.addEventListener('click', () => this.apply({ ...this.filter, group: this.filter.group ? '' : '24h' }));
    // a count card (or any link marked data-filter-link) opens its list without reloading the page
    doc.addEventListener('click', (event) => {
      const link = event.target.closest && event.target.closest('a[data-filter-link]');
      if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      this.apply(parseSearch(new URL(link.href, doc.baseURI).search), { push: true });
      doc.getElementById('feed-heading').focus();
    });
    // Back and Forward between lists; a drawer's hash change fires popstate too and leaves the list as it is
    window.addEventListener('popstate', () => {
      const filter = parseSearch(window.location.search);
      if (toSearch(filter) !== toSearch(this.filter)) this.apply(filter, { url: false });
    });
  }

  /** The filter the address shows, taken without loading (start() loads). */
  fromAddress() {
    this.filter = parseSearch(window.location.search);
    this.feed.setFilter(this.filter);
    this.fill();
  }

  /** Shows the list for a filter: the address, the form, the feed; push adds a history entry (links), else it replaces. */
  apply(raw, { push = false, url = true } = {}) {
    const filter = normalise(raw);
    const changed = toSearch(filter) !== toSearch(this.filter);
    this.filter = filter;
    if (url) {
      const address = `${window.location.pathname}${toSearch(filter)}${window.location.hash}`;
      if (push && changed) window.history.pushState(null, '', address);
      else window.history.replaceState(window.history.state, '', address);
    }
    this.fill();
    this.feed.setFilter(filter);
    if (changed) {
      this.feed.clear();
      this.before = null;
      this.pages = 0;
    }
    return this.reload();
  }

  /** Reloads the first page (and the groups when grouped); older pages already shown stay if they still join up. */
  async reload() {
    const generation = ++this.generation;
    const filter = this.filter;
    this.setBusy(true);
    try {
      if (filter.group) await this.loadGroups();
      const page = await api.alerts({ ...apiParams(filter), limit: PAGE });
      if (generation !== this.generation) return; // a newer filter won
      const kept = this.feed.reset((page && page.items) || [], { keepOlder: this.pages > 1 });
      if (!kept) {
        this.before = (page && page.nextBefore) ?? null;
        this.pages = 1;
      }
      this.onError(null);
    } catch (error) {
      if (generation === this.generation) this.onError(error);
    } finally {
      if (generation === this.generation) {
        this.setBusy(false);
        this.render();
      }
    }
  }

  /** The next older page. */
  async loadMore() {
    if (this.before === null) return;
    // only another filter makes the older page stale: a reload of the first page meanwhile (the socket opening, a
    // poll) keeps it, since reset() keeps older rows that join up
    const search = toSearch(this.filter);
    const focused = this.doc.activeElement === this.more;
    this.more.disabled = true;
    try {
      const page = await api.alerts({ ...apiParams(this.filter), limit: PAGE, before: this.before });
      if (search !== toSearch(this.filter)) return; // the filter changed meanwhile
      this.feed.append((page && page.items) || []);
      this.before = (page && page.nextBefore) ?? null;
      this.pages += 1;
      this.onError(null);
    } catch (error) {
      this.onError(error);
    } finally {
      this.more.disabled = false;
      this.render();
      // at the oldest alert the button goes: keep focus in the list, on the last row, not on the page's body
      if (focused && this.more.hidden) this.doc.querySelector('#feed > li:last-child .alert-title')?.focus();
    }
  }

  /** The first page again while the socket is down, merged (rows shown stay); returns the alerts it brought. */
  async poll() {
    const filter = this.filter;
    const page = await api.alerts({ ...apiParams(filter), limit: PAGE });
    if (filter !== this.filter) return [];
    if (filter.group) this.groupsSoon();
    return this.feed.merge((page && page.items) || []);
  }

  /** An alert from the socket: shown only if it matches the filters; returns it if it is new to the list. */
  live(alert) {
    if (this.filter.group) this.groupsSoon();
    if (!matches(alert, this.filter)) return [];
    return this.feed.merge([alert]);
  }

  async loadGroups() {
    const filter = this.filter;
    if (!filter.group) return;
    try {
      const result = await api.alertGroups({ window: filter.group, state: filter.state || undefined, limit: 100 });
      if (filter !== this.filter) return;
      this.groups.render((result && result.items) || []);
      this.render();
    } catch (error) {
      this.onError(error);
    }
  }

  setBusy(busy) {
    const list = this.doc.getElementById('feed');
    if (busy) list.setAttribute('aria-busy', 'true');
    else list.removeAttribute('aria-busy');
  }

  /** The filter the form shows now. */
  read() {
    const data = new FormData(this.form);
    return {
      severity: data.getAll('severity'),
      source: data.get('source'),
      type: data.get('type'),
      state: data.get('state'),
      read: data.get('read'),
      from: fromLocalInput(data.get('from')),
      to: fromLocalInput(data.get('to')),
      q: data.get('q'),
      group: this.filter.group ? data.get('group') || this.filter.group : '',
    };
  }

  /** Puts the filter into the form (after a reload, a link, Back). */
  fill() {
    const f = this.filter;
    const el = this.form.elements;
    for (const box of this.form.querySelectorAll('input[name="severity"]')) box.checked = f.severity.includes(box.value);
    for (const name of ['source', 'type', 'state', 'read', 'q']) {
      if (el[name].value !== f[name]) el[name].value = f[name];
    }
    for (const name of ['from', 'to']) {
      const local = toLocalInput(f[name]);
      // keep what the operator is typing if it means the same instant
      if (fromLocalInput(el[name].value) !== f[name]) el[name].value = local;
    }
    el.group.value = f.group || '24h';
  }

  /** Groups or rows, the empty state, "Load more" and the summary line. */
  render() {
    const grouped = Boolean(this.filter.group);
    const filtered = !isEmpty(this.filter);
    this.groupToggle.setAttribute('aria-pressed', String(grouped));
    this.form.querySelector('[data-group-window]').hidden = !grouped;
    this.groupList.hidden = !grouped;
    this.doc.getElementById('feed').hidden = grouped;
    this.more.hidden = grouped || this.before === null;
    const count = grouped ? this.groupList.children.length : this.feed.visible().length;
    this.empty.hidden = count > 0;
    setText(
      this.empty,
      grouped
        ? 'No repeats in this window.'
        : filtered
          ? 'No alerts match these filters.'
          : 'No alerts yet. New ones appear here as they arrive.',
    );
    this.doc.getElementById('clear-filters').disabled = !filtered;
    setText(this.summary, summary({ grouped, filtered, count, window: this.filter.group, more: this.before !== null }));
  }
}

/** The line above the list: what it shows, and whether older alerts are left to load. */
export function summary({ grouped, filtered, count, window, more }) {
  if (grouped) return `Repeats of the last ${window}, latest first.`;
  if (!filtered || count === 0) return '';
  const noun = count === 1 ? 'matching alert' : 'matching alerts';
  return more ? `${count} ${noun} shown; Load more for older ones.` : `${count} ${noun}, all shown.`;
}

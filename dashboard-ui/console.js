// The console's pages beside the live dashboard ("home"): one hash route each (#/sources,
// #/users, …), a nav that lists the pages the signed-in role may open, and one container that
// shows the current page. Drawers keep their own deeper routes (#/events/12 opens the event drawer
// over the Events page when it exists, over home otherwise).
//
// A page is { name, title, roles?, mount(container, context), show(), hide?() }: mount runs once,
// the first time the page is opened; show runs on every visit (reload its data there).

import { h } from './dom.js';

/** The registered page a hash names, or null for home: '#/sources' → 'sources', '#/events/7' and '#/events?status=failed' → 'events'. */
export function pageOf(hash, names) {
  const match = /^#\/([a-z][a-z0-9-]*)(?:[/?]|$)/.exec(hash || '');
  return match && names.includes(match[1]) ? match[1] : null;
}

/** Whether a role may open a page: every role unless the page names the roles it is for. */
export function allowed(page, role) {
  return !page.roles || page.roles.includes(role);
}

export class ConsolePages {
  /** nav: the <ul> of links; container: where pages render; home: the live dashboard's element. */
  constructor(nav, container, home, context) {
    this.nav = nav;
    this.container = container;
    this.home = home;
    this.context = context;
    this.pages = [];
    this.role = null;
    this.current = null;
    window.addEventListener('hashchange', () => this.route());
  }

  register(page) {
    this.pages.push({ ...page, element: null });
    this.renderNav();
  }

  /** Signs a role in (null: signed out) and shows the page the address names, if the role may. */
  setRole(role) {
    this.role = role;
    this.renderNav();
    if (role) this.route();
    else this.leave();
  }

  route() {
    if (!this.role) return;
    const name = pageOf(window.location.hash, this.pages.map((p) => p.name));
    const page = this.pages.find((p) => p.name === name && allowed(p, this.role)) || null;
    if (page === this.current) {
      if (page) this.markCurrent();
      return;
    }
    this.leave();
    this.current = page;
    this.home.hidden = page !== null;
    this.container.hidden = page === null;
    this.markCurrent();
    if (!page) return;
    if (!page.element) {
      page.element = h('section', { class: 'console-page', 'data-page': page.name, 'aria-labelledby': `page-${page.name}-heading` });
      page.element.append(h('h2', { id: `page-${page.name}-heading`, tabindex: '-1' }, page.title));
      this.container.append(page.element);
      page.mount(page.element, this.context);
    }
    page.element.hidden = false;
    document.title = `${page.title} · OpsCenter`;
    page.show();
    page.element.querySelector('h2')?.focus({ preventScroll: true });
  }

  leave() {
    const page = this.current;
    if (page) {
      page.element.hidden = true;
      page.hide?.();
    }
    this.current = null;
    this.home.hidden = false;
    this.container.hidden = true;
  }

  renderNav() {
    const links = [h('li', {}, h('a', { href: '#/', 'data-page-link': '' }, 'Live'))];
    for (const page of this.pages) {
      if (this.role && allowed(page, this.role)) {
        links.push(h('li', {}, h('a', { href: `#/${page.name}`, 'data-page-link': page.name }, page.title)));
      }
    }
    this.nav.replaceChildren(...links);
    this.markCurrent();
  }

  markCurrent() {
    const name = this.current ? this.current.name : '';
    for (const link of this.nav.querySelectorAll('a[data-page-link]')) {
      if (link.dataset.pageLink === name) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
  }
}

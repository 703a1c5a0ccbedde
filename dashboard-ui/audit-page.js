// The Audit log page (#/audit, admins only): who changed what through the admin API, rendered by audit.js's
// AuditPanel into the markup built here. It loads on every visit and on Refresh, not live.

import { AuditPanel } from './audit.js';
import { h } from './dom.js';

let panel = null;

export const auditPage = {
  name: 'audit',
  title: 'Audit log',
  roles: ['admin'],
  mount(container, context) {
    const filter = h('select', { id: 'audit-resource-filter', 'data-audit-filter': '' }, h('option', { value: '' }, 'All'));
    const root = h(
      'div',
      { class: 'audit', id: 'audit' },
      h(
        'div',
        { class: 'feed-toolbar' },
        h('label', { for: 'audit-resource-filter' }, 'Resource'),
        filter,
        h('button', { type: 'button', 'data-audit-refresh': '' }, 'Refresh'),
      ),
      h('p', { class: 'error-text', role: 'alert', 'data-audit-error': '' }),
      h('ol', { class: 'audit-list', id: 'audit-list', 'aria-labelledby': 'page-audit-heading', 'data-audit-rows': '' }),
      h('p', { class: 'empty muted', 'data-audit-empty': '', hidden: true }, 'No changes recorded yet.'),
      h('button', { type: 'button', class: 'load-more', 'data-audit-more': '', hidden: true }, 'Load more'),
    );
    container.append(root);
    panel = new AuditPanel(root, { load: (params) => context.api.audit(params) });
  },
  show() {
    panel.load();
  },
  hide() {
    panel.clear();
  },
};

// The Recipient groups page: named lists of recipients (addresses, chat ids, numbers) that rules notify. Each card
// opens its members, which admins add (one per line) and remove one at a time; everyone reads.

import { resourcePage } from './crud.js';
import { h, setText } from './dom.js';

/** The recipients typed into the add box: one per line or comma-separated, trimmed, each once. */
export function parseRecipients(text) {
  return [...new Set(String(text || '').split(/[\n,]/).map((s) => s.trim()).filter(Boolean))];
}

let membersDialog = null;

async function showMembers(group, context, reload) {
  if (!membersDialog) {
    membersDialog = h('dialog', { class: 'resource-dialog', 'aria-labelledby': 'members-heading' });
    membersDialog.addEventListener('close', () => membersDialog.replaceChildren());
    document.body.append(membersDialog);
  }
  const admin = context.role() === 'admin';
  const path = `api/recipient-groups/${encodeURIComponent(group.id)}/members`;
  const list = h('ul', { class: 'member-list', 'aria-labelledby': 'members-heading' });
  const status = h('p', { class: 'hint', role: 'status' }, 'Loading…');
  const more = h('button', { type: 'button', hidden: true }, 'Load more');
  let after = null;
  let changed = false;

  const row = (recipient) =>
    h(
      'li',
      { 'data-member': recipient },
      h('span', { class: 'member-name' }, recipient),
      admin ? h('button', { type: 'button', class: 'danger', 'aria-label': `Remove ${recipient}`, onclick: () => removeMember(recipient) }, 'Remove') : null,
    );

  async function load(first = false) {
    try {
      const page = await context.api.request('GET', `${path}?limit=100${after !== null && !first ? `&after=${encodeURIComponent(after)}` : ''}`);
      if (first) list.replaceChildren();
      list.append(...((page && page.items) || []).map(row));
      after = page && page.nextAfter ? page.nextAfter : null;
      more.hidden = after === null;
      setText(status, list.children.length ? '' : 'No members yet.');
    } catch (error) {
      setText(status, error.message);
    }
  }

  async function removeMember(recipient) {
    try {
      const answer = await context.api.request('DELETE', path, { recipients: [recipient] });
      list.querySelector(`li[data-member="${CSS.escape(recipient)}"]`)?.remove();
      changed = true;
      setText(status, `Removed ${recipient}; ${answer.total} left.`);
    } catch (error) {
      setText(status, error.message);
    }
  }

  const box = h('textarea', { id: 'members-add', rows: 3, spellcheck: 'false' });
  const addForm = admin
    ? h(
        'form',
        { class: 'resource-form', novalidate: true },
        h('div', { class: 'form-field' }, h('label', { for: 'members-add' }, 'Add recipients (one per line)'), box),
        h('div', { class: 'resource-actions' }, h('button', { type: 'submit', class: 'primary' }, 'Add')),
      )
    : null;
  addForm?.addEventListener('submit', async (event) => {
    event.preventDefault();
    const recipients = parseRecipients(box.value);
    if (recipients.length === 0) return;
    try {
      const answer = await context.api.request('POST', path, { recipients });
      box.value = '';
      changed = true;
      after = null;
      await load(true);
      setText(status, `Added ${answer.added}; ${answer.total} in the group.`);
    } catch (error) {
      setText(status, error.message);
    }
  });
  more.addEventListener('click', () => load());
  membersDialog.addEventListener('close', () => changed && reload(), { once: true });
  membersDialog.replaceChildren(
    h('h3', { id: 'members-heading' }, `Members of ${group.name}`),
    addForm,
    status,
    list,
    h('div', { class: 'resource-actions' }, more, h('button', { type: 'button', 'data-close': '', onclick: () => membersDialog.close() }, 'Close')),
  );
  membersDialog.showModal();
  await load(true);
}

export const groupsPage = resourcePage({
  name: 'recipient-groups',
  title: 'Recipient groups',
  singular: 'recipient group',
  path: 'api/recipient-groups',
  label: (group) => group.name,
  summary: (group) => [
    ['Description', group.description],
    ['Members', String(group.memberCount)],
  ],
  fields: [
    { name: 'name', label: 'Name', required: true },
    { name: 'description', label: 'Description', type: 'textarea' },
  ],
  actions: (group, context, reload) => [
    h('button', { type: 'button', 'data-members': '', onclick: () => showMembers(group, context, reload) }, 'Members'),
  ],
});

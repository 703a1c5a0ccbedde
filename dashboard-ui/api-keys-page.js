// The API keys page: the keys internal services trigger events with. A new key is shown once, in a dialog with a
// Copy button; lists never carry key material (only the prefix that tells keys apart). Revoking is at once.

import { resourcePage } from './crud.js';
import { copyField } from './copy.js';
import { absoluteTime, h } from './dom.js';

/** Shows the key the create answered with, once; closing the dialog removes it from the page. */
export function showKeyOnce(created, dialog) {
  dialog.replaceChildren(
    h('h3', {}, `API key “${created.name}”`),
    h('p', { class: 'key-warning', role: 'alert' }, h('strong', {}, 'Copy this key now: you will not see it again.'), ' OpsCenter keeps only its hash.'),
    h('div', { 'data-new-key': '' }, copyField(created.key, `API key ${created.name}`)),
    h('p', { class: 'hint' }, 'Services send it as Authorization: Bearer <key> to POST /api/events.'),
    h('div', { class: 'resource-actions' }, h('button', { type: 'button', class: 'primary', onclick: () => dialog.close() }, 'Done')),
  );
  dialog.querySelector('.copy-button')?.focus();
  return true;
}

export const apiKeysPage = resourcePage({
  name: 'api-keys',
  title: 'API keys',
  singular: 'API key',
  path: 'api/api-keys',
  label: (key) => key.name,
  summary: (key) => [
    ['Starts with', h('code', {}, `${key.prefix}…`)],
    ['Created', absoluteTime(key.createdAt)],
    ['Last used', key.lastUsedAt ? absoluteTime(key.lastUsedAt) : 'never'],
    ['State', key.revokedAt ? `revoked ${absoluteTime(key.revokedAt)}` : 'active'],
  ],
  fields: [{ name: 'name', label: 'Name', required: true, help: 'Who uses it, e.g. the service’s name.' }],
  editable: () => false,
  removable: (key) => !key.revokedAt,
  removeLabel: 'Revoke',
  afterCreate: showKeyOnce,
});

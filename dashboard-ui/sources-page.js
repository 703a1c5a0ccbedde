// The Sources page: webhook senders, each with the URL to give its provider (with a Copy button) and its
// rejected deliveries (why ingress refused a signature: the scheme it expected, the header it saw, the timestamp
// skew). Admins change sources; everyone reads. The signing secret is write-only.

import { resourcePage } from './crud.js';
import { copyField } from './copy.js';
import { h, setText, timeElement } from './dom.js';

export const KINDS = [
  ['github', 'GitHub (X-Hub-Signature-256)'],
  ['stripe', 'Stripe (Stripe-Signature)'],
  ['standard', 'Standard Webhooks (webhook-signature)'],
  ['generic', 'Generic HMAC (settings say how)'],
];

/** The URL a provider posts to: the page's own address with api/webhooks/<slug> ('https://ops.example/api/webhooks/github'). */
export function webhookUrl(pageAddress, slug) {
  const base = new URL(pageAddress);
  base.hash = '';
  base.search = '';
  return new URL(`api/webhooks/${encodeURIComponent(slug)}`, base).href;
}

const REASONS = {
  missing_signature: 'signature missing',
  malformed_signature: 'signature malformed',
  signature_mismatch: 'signature does not match',
  stale_timestamp: 'timestamp too old or too new',
};

/** A kept rejection in words: { reason, header, skew } ('X-Hub-Signature-256: sha256=ab…', 'signed 400 s ago'). */
export function describeRejection(rejection) {
  const reason = REASONS[rejection.reason] || String(rejection.reason || 'rejected').replaceAll('_', ' ');
  const header =
    rejection.headerValue === null || rejection.headerValue === undefined
      ? `${rejection.headerName}: not sent`
      : `${rejection.headerName}: ${rejection.headerValue}`;
  let skew = null;
  if (typeof rejection.skewSeconds === 'number') {
    skew = rejection.skewSeconds >= 0 ? `signed ${rejection.skewSeconds} s before it arrived` : `signed ${-rejection.skewSeconds} s in the future`;
  }
  return { reason, header, skew };
}

let rejectionsDialog = null;

function rejectionRow(rejection) {
  const text = describeRejection(rejection);
  return h(
    'li',
    { class: 'rejection', 'data-rejection-id': rejection.id },
    h('p', { class: 'rejection-line' }, h('strong', {}, text.reason), ' ', timeElement(rejection.receivedAt)),
    h(
      'dl',
      {},
      h('dt', {}, 'Scheme expected'),
      h('dd', {}, rejection.scheme),
      h('dt', {}, 'Header seen'),
      h('dd', { class: 'mono' }, text.header),
      text.skew ? [h('dt', {}, 'Timestamp skew'), h('dd', {}, text.skew)] : null,
      rejection.detail ? [h('dt', {}, 'Detail'), h('dd', {}, rejection.detail)] : null,
      h('dt', {}, 'Client'),
      h('dd', {}, rejection.clientIp || '—'),
      h('dt', {}, 'Body'),
      h('dd', {}, `${rejection.bodyBytes} bytes`),
      rejection.unrecordedBefore > 0 ? [h('dt', {}, 'Not kept before it'), h('dd', {}, `${rejection.unrecordedBefore} more`)] : null,
    ),
  );
}

async function showRejections(source, context) {
  if (!rejectionsDialog) {
    rejectionsDialog = h('dialog', { class: 'resource-dialog', 'aria-labelledby': 'rejections-heading' });
    rejectionsDialog.addEventListener('close', () => rejectionsDialog.replaceChildren());
    document.body.append(rejectionsDialog);
  }
  const list = h('ol', { class: 'rejection-list', 'aria-labelledby': 'rejections-heading' });
  const status = h('p', { class: 'hint', role: 'status' }, 'Loading…');
  const more = h('button', { type: 'button', hidden: true }, 'Load more');
  let before = null;
  async function load() {
    try {
      const page = await context.api.request('GET', `api/sources/${encodeURIComponent(source.id)}/rejections?limit=20${before ? `&before=${before}` : ''}`);
      list.append(...((page && page.items) || []).map(rejectionRow));
      before = page && page.nextBefore ? page.nextBefore : null;
      more.hidden = before === null;
      setText(status, list.children.length ? '' : 'No rejected deliveries kept: every signed request was accepted, or none came.');
    } catch (error) {
      setText(status, error.message);
    }
  }
  more.addEventListener('click', load);
  rejectionsDialog.replaceChildren(
    h('h3', { id: 'rejections-heading' }, `Rejected deliveries of ${source.name}`),
    h('p', { class: 'hint' }, 'A sample of the webhooks refused for their signature, newest first; never their body.'),
    status,
    list,
    h('div', { class: 'resource-actions' }, more, h('button', { type: 'button', 'data-close': '', onclick: () => rejectionsDialog.close() }, 'Close')),
  );
  rejectionsDialog.showModal();
  await load();
}

export const sourcesPage = resourcePage({
  name: 'sources',
  title: 'Sources',
  singular: 'source',
  path: 'api/sources',
  label: (source) => source.name,
  summary: (source) => [
    ['Webhook URL', copyField(webhookUrl(document.baseURI, source.slug), `Webhook URL of ${source.name}`)],
    ['Kind', (KINDS.find(([kind]) => kind === source.kind) || [null, source.kind])[1]],
    ['State', source.active ? 'accepting webhooks' : 'disabled'],
    ['Settings', source.settings && Object.keys(source.settings).length ? JSON.stringify(source.settings) : 'none'],
  ],
  fields: [
    { name: 'name', label: 'Name', required: true },
    { name: 'slug', label: 'Slug', required: true, createOnly: true, help: 'In the webhook URL: lower-case letters, digits, - and _; fixed once created.' },
    { name: 'kind', label: 'Kind (signature scheme)', type: 'select', options: KINDS, required: true, createOnly: true },
    {
      name: 'secret',
      label: 'Signing secret',
      type: 'password',
      secret: true,
      required: true,
      help: 'The secret the provider signs with: 16 to 1024 characters (Standard Webhooks: whsec_ and base64).',
    },
    {
      name: 'settings',
      label: 'Settings (JSON)',
      type: 'json',
      rows: 5,
      help: 'Optional: dedupeWindow (seconds), allowWeak; generic: header, algorithm, encoding, prefix, timestampHeader, signedPayload.',
    },
    { name: 'active', label: 'Active (accepts webhooks)', type: 'checkbox', default: true },
  ],
  actions: (source, context) => [
    h('button', { type: 'button', 'data-rejections': '', onclick: () => showRejections(source, context) }, 'Rejected deliveries'),
  ],
});

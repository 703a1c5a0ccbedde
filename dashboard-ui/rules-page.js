// The Rules page: which events notify whom, through which channel and template (docs/templates-and-rules.md).
// Every reference is picked by name (sources, channels, templates, recipient groups are loaded for the pickers) and
// shown by name on the cards. A dry-run (POST api/notification-rules/dry-run) shows, for the most recent events,
// which would match and what would be sent: every role can dry-run a saved rule from its card, and the form dry-runs
// the rule as typed, before it is saved. Nothing is sent.

import { FormError, cardResult, resourcePage } from './crud.js';
import { h, setText } from './dom.js';
import { messageView } from './templates-page.js';

/** How many recent events a dry-run looks at. */
export const DRY_RUN_EVENTS = 20;

const SEVERITIES = [
  ['', 'Any (also events without an alert)'],
  ['info', 'info and above'],
  ['warning', 'warning and above'],
  ['error', 'error and above'],
  ['critical', 'critical only'],
];

/** The console users a rule may address (notification_rules.audience). */
const AUDIENCES = [
  ['', 'None'],
  ['all', 'All users'],
  ['role:admin', 'Admins'],
  ['role:operator', 'Operators'],
  ['role:viewer', 'Viewers'],
];

const ID_FIELDS = ['sourceId', 'eventSourceId', 'channelId', 'templateId', 'recipientGroupId'];

/** The API body for the form's values: ids from the pickers as numbers, no recipients as an empty list. */
export function ruleBody(values) {
  const body = { ...values };
  for (const key of ID_FIELDS) body[key] = values[key] === null || values[key] === undefined ? null : Number(values[key]);
  body.recipients = values.recipients || [];
  body.audience = values.audience || null;
  body.active = values.active === true;
  return body;
}

/** The name a picker shows for an id, or "#id" when it is not (or no longer) listed. */
export function nameOf(list, id) {
  if (id === null || id === undefined) return null;
  const found = (list || []).find((item) => item.id === id);
  return found ? found.name : `#${id}`;
}

/** A rule's card, every reference by name. */
export function ruleSummary(rule, refs) {
  const origin = rule.sourceId !== null && rule.sourceId !== undefined
    ? `webhooks from ${nameOf(refs.sources, rule.sourceId)}`
    : rule.eventSourceId !== null && rule.eventSourceId !== undefined
      ? `triggered ${nameOf(refs.eventSources, rule.eventSourceId)} events`
      : 'any source';
  const who = [...(rule.recipients || [])];
  if (rule.recipientField) who.push(`the event's ${rule.recipientField}`);
  if (rule.recipientGroupId !== null && rule.recipientGroupId !== undefined) who.push(`group ${nameOf(refs.groups, rule.recipientGroupId)}`);
  if (rule.audience) {
    const audience = AUDIENCES.find(([value]) => value === rule.audience);
    who.push(`users: ${audience ? audience[1].toLowerCase() : rule.audience}`);
  }
  return [
    ['Events', `${rule.eventTypePattern || 'every type'} · ${origin}`],
    ['Severity', rule.minSeverity ? `${rule.minSeverity} and above` : 'any'],
    ['Conditions', rule.conditions ? JSON.stringify(rule.conditions) : 'none'],
    ['Channel', nameOf(refs.channels, rule.channelId)],
    ['Template', rule.templateId === null || rule.templateId === undefined ? 'default' : nameOf(refs.templates, rule.templateId)],
    ['Recipients', who.join(', ') || '—'],
    ['State', rule.active ? 'active' : 'inactive'],
  ];
}

/** What a dry-run found, in one line. */
export function dryRunSummary(result) {
  const n = result.matches.length;
  if (result.evaluated === 0) return 'No stored events to try the rule on yet.';
  return `${n} of the ${result.evaluated} most recent events would notify${n ? ':' : '.'}`;
}

/** A dry-run's result as elements: each matching event, its recipients and the message, all as text. */
export function dryRunView(result) {
  return h(
    'div',
    { class: 'dry-run-result', 'data-dry-run': '' },
    h('p', {}, dryRunSummary(result)),
    h(
      'ul',
      { class: 'dry-run-matches' },
      ...result.matches.map((match) => {
        const more = match.recipientCount - match.recipients.length;
        return h(
          'li',
          { 'data-event-id': match.eventId },
          h('a', { href: `#/events/${match.eventId}` }, `Event #${match.eventId}`),
          ` ${match.source}${match.eventType ? ` · ${match.eventType}` : ''}`,
          h('p', {}, `To ${match.recipients.join(', ') || 'nobody'}${more > 0 ? ` and ${more} more` : ''}`),
          messageView(match),
        );
      }),
    ),
  );
}

async function dryRun(context, request, shown) {
  setText(shown, 'Trying the most recent events…');
  try {
    const result = await context.api.request('POST', 'api/notification-rules/dry-run', { ...request, limit: DRY_RUN_EVENTS });
    shown.replaceChildren(dryRunView(result));
  } catch (error) {
    setText(shown, error.message);
  }
}

function cardDryRun(rule, context) {
  return h(
    'button',
    {
      type: 'button',
      'data-dry-run-saved': '',
      onclick: (event) => dryRun(context, { ruleId: rule.id }, cardResult(event.target)),
    },
    'Dry run',
  );
}

function formDryRun(form, { body, context }) {
  const shown = h('div', { class: 'card-result', role: 'status' });
  const button = h(
    'button',
    {
      type: 'button',
      'data-dry-run-draft': '',
      onclick: () => {
        let rule;
        try {
          rule = body();
        } catch (error) {
          if (!(error instanceof FormError)) throw error;
          setText(shown, Object.entries(error.fields).map(([name, text]) => `${name} ${text}`).join('; '));
          return;
        }
        dryRun(context, { rule: { ...rule, name: rule.name || 'draft' } }, shown);
      },
    },
    'Dry run this rule',
  );
  return h('section', { class: 'rule-dry-run', 'aria-label': 'Dry run' }, h('div', { class: 'resource-actions' }, button), shown);
}

async function pickers(context) {
  const list = async (path) => {
    const page = await context.api.request('GET', path);
    return Array.isArray(page) ? page : (page && page.items) || [];
  };
  const [sources, eventSources, channels, templates, groups] = await Promise.all([
    list('api/sources'),
    list('api/event-sources'),
    list('api/channels'),
    list('api/notification-templates'),
    list('api/recipient-groups'),
  ]);
  return { sources, eventSources, channels, templates, groups };
}

const choices = (none, list, text = (item) => item.name) => [...(none ? [['', none]] : []), ...(list || []).map((item) => [String(item.id), text(item)])];

export const rulesPage = resourcePage({
  name: 'rules',
  title: 'Rules',
  singular: 'rule',
  path: 'api/notification-rules',
  label: (rule) => rule.name,
  summary: ruleSummary,
  lookups: pickers,
  actions: (rule, context) => [cardDryRun(rule, context)],
  formExtras: formDryRun,
  toBody: ruleBody,
  fields: [
    { name: 'name', label: 'Name', required: true },
    { name: 'eventTypePattern', label: 'Event types', help: '* matches any run of characters; alternatives with commas: push, charge.*. Empty: every type.' },
    { name: 'sourceId', label: 'Webhook source', type: 'select', options: (refs) => choices('Any', refs.sources) },
    { name: 'eventSourceId', label: 'Triggered event source', type: 'select', options: (refs) => choices('Any', refs.eventSources), help: 'At most one of the two sources.' },
    { name: 'minSeverity', label: 'Severity', type: 'select', options: SEVERITIES },
    { name: 'conditions', label: 'Conditions (JSON)', type: 'json', rows: 4,
      help: '{"all": [{"path": "payload.amount", "op": "gt", "value": 100}]}; ops eq ne gt gte lt lte in contains exists matches.' },
    { name: 'channelId', label: 'Channel', type: 'select', required: true, options: (refs) => choices('Choose a channel', refs.channels, (c) => `${c.name} (${c.type})`) },
    { name: 'templateId', label: 'Template', type: 'select', options: (refs) => choices('Default template', refs.templates, (t) => `${t.name} (${t.channelType})`),
      help: 'Its channel type must be the channel’s.' },
    { name: 'recipients', label: 'Recipients', type: 'list', help: 'One per line: addresses, chat ids, numbers or URLs, as the channel takes them.' },
    { name: 'recipientField', label: 'Recipients from the event', help: 'A payload field holding more, e.g. customer.email.' },
    { name: 'recipientGroupId', label: 'Recipient group', type: 'select', options: (refs) => choices('None', refs.groups, (g) => `${g.name} (${g.memberCount})`) },
    { name: 'audience', label: 'Console users', type: 'select', options: AUDIENCES,
      help: 'E-mail reaches each enabled user with an address; a console channel shows a toast on their open consoles. Not with a recipient group.' },
    { name: 'groupKey', label: 'Throttle key', help: 'Repeats with the same key are held back, e.g. {{payload.repository.full_name}}.' },
    { name: 'throttleSeconds', label: 'Throttle window (seconds)', type: 'number' },
    { name: 'active', label: 'Active', type: 'checkbox', default: true },
  ],
});

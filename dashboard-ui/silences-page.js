// The Silences page: mute notifications for the alerts a silence matches (source, event type glob, severities,
// text) from its start to its end. Current ones (active and pending) or expired ones, by the state filter; operators
// and admins create, edit while not expired, and "Expire now". A source is shown by its name, not its slug.

import { resourcePage } from './crud.js';
import { absoluteTime, h } from './dom.js';

const HOUR = 3_600_000;

export const SEVERITIES = [
  ['critical', 'critical'],
  ['error', 'error'],
  ['warning', 'warning'],
  ['info', 'info'],
];

/** active, pending or expired at now (ms). */
export function silenceState(silence, now = Date.now()) {
  if (new Date(silence.endsAt).getTime() <= now) return 'expired';
  return new Date(silence.startsAt).getTime() > now ? 'pending' : 'active';
}

/** The name a silence's source matcher means: a webhook source's name by slug, else an event source's, else as stored. */
export function sourceName(value, names) {
  if (!value) return null;
  const source = ((names && names.sources) || []).find((s) => s.slug === value);
  if (source) return source.name;
  const eventSource = ((names && names.eventSources) || []).find((s) => s.name === value);
  return eventSource ? `${eventSource.name} (event source)` : value;
}

/** What a silence matches, in words: 'source GitHub, type charge.*, severity critical or error, text “disk”'. */
export function describeMatchers(silence, names) {
  const parts = [];
  if (silence.source) parts.push(`source ${sourceName(silence.source, names)}`);
  if (silence.eventType) parts.push(`type ${silence.eventType}`);
  if (silence.severities && silence.severities.length) parts.push(`severity ${silence.severities.join(' or ')}`);
  if (silence.text) parts.push(`text “${silence.text}”`);
  return parts.join(', ') || 'everything';
}

/** The sources a matcher may name, for the form's choice: [[value, text]] with "any" first. */
export function sourceOptions(names) {
  return [
    ['', 'Any source'],
    ...((names && names.sources) || []).map((s) => [s.slug, s.name]),
    ...((names && names.eventSources) || []).map((s) => [s.name, `${s.name} (event source)`]),
  ];
}

async function lookupNames(context) {
  const [sources, eventSources] = await Promise.all(
    ['api/sources', 'api/event-sources'].map((path) => context.api.request('GET', path).then((page) => (page && page.items) || [], () => [])),
  );
  return { sources, eventSources };
}

const STATE_TEXT = { active: 'active until', pending: 'starts', expired: 'expired' };

export const silencesPage = resourcePage({
  name: 'silences',
  title: 'Silences',
  singular: 'silence',
  path: 'api/silences',
  editors: ['operator', 'admin'],
  lookup: lookupNames,
  filters: [
    {
      name: 'state',
      label: 'Show',
      options: [
        ['current', 'Current (active and pending)'],
        ['active', 'Active'],
        ['pending', 'Pending'],
        ['expired', 'Expired'],
      ],
    },
  ],
  label: (silence) => silence.comment,
  summary: (silence, names) => {
    const state = silenceState(silence);
    const when = state === 'pending' ? silence.startsAt : silence.endsAt;
    return [
      ['Mutes', describeMatchers(silence, names)],
      ['State', h('span', { 'data-silence-state': state }, `${STATE_TEXT[state]} ${absoluteTime(when)}`)],
      ['From', absoluteTime(silence.startsAt)],
      ['Until', absoluteTime(silence.endsAt)],
      ['Created by', silence.createdBy],
    ];
  },
  fields: [
    { name: 'source', label: 'Source', type: 'select', options: sourceOptions },
    { name: 'eventType', label: 'Event type', help: 'Exact, a glob (charge.*) or a list (push, pull_request).' },
    { name: 'severities', label: 'Severities', type: 'checks', options: SEVERITIES, help: 'None ticked: any severity.' },
    { name: 'text', label: 'Text in the title or message' },
    { name: 'comment', label: 'Why (comment)', type: 'textarea', required: true },
    { name: 'startsAt', label: 'Starts', type: 'datetime', help: 'Empty or past: now.' },
    { name: 'endsAt', label: 'Ends', type: 'datetime', required: true, default: () => new Date(Date.now() + 2 * HOUR).toISOString() },
  ],
  editable: (silence) => silenceState(silence) !== 'expired',
  remove: false,
  actions: (silence, context, reload) =>
    ['operator', 'admin'].includes(context.role()) && silenceState(silence) !== 'expired'
      ? [
          h(
            'button',
            {
              type: 'button',
              class: 'danger',
              'data-expire': '',
              onclick: async (event) => {
                event.currentTarget.disabled = true;
                try {
                  await context.api.request('POST', `api/silences/${encodeURIComponent(silence.id)}/expire`);
                } catch (error) {
                  context.reportError(error);
                }
                await reload();
              },
            },
            'Expire now',
          ),
        ]
      : [],
});

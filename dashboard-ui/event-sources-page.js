// The Event sources page: the named events internal services trigger with an API key (POST /api/events), each
// with the JSON Schema its payload must match and whether it raises an alert. Admins change them; everyone reads.

import { resourcePage } from './crud.js';
import { h } from './dom.js';

const SEVERITIES = [
  ['', 'No alert severity'],
  ['info', 'info'],
  ['warning', 'warning'],
  ['error', 'error'],
  ['critical', 'critical'],
];

/** What a schema asks, in a few words: 'none', 'any object', '3 properties (2 required)'. */
export function schemaSummary(schema) {
  if (!schema || typeof schema !== 'object' || Object.keys(schema).length === 0) return 'none: any object';
  const properties = schema.properties && typeof schema.properties === 'object' ? Object.keys(schema.properties).length : 0;
  const required = Array.isArray(schema.required) ? schema.required.length : 0;
  if (properties === 0) return 'a JSON Schema';
  return `${properties} ${properties === 1 ? 'property' : 'properties'}${required ? ` (${required} required)` : ''}`;
}

export const eventSourcesPage = resourcePage({
  name: 'event-sources',
  title: 'Event sources',
  singular: 'event source',
  path: 'api/event-sources',
  label: (source) => source.name,
  summary: (source) => [
    ['Description', source.description],
    ['Trigger', h('code', {}, `POST /api/events {"event":"${source.name}"}`)],
    ['Payload schema', schemaSummary(source.payloadSchema)],
    ['Alert', source.raisesAlert ? `raises a ${source.alertSeverity} alert` : 'none'],
    ['State', source.active ? 'active' : 'inactive'],
  ],
  fields: [
    { name: 'name', label: 'Name', required: true, createOnly: true, help: 'What callers send as "event": lower-case letters, digits, _ . -; fixed once created.' },
    { name: 'description', label: 'Description', type: 'textarea' },
    {
      name: 'payloadSchema',
      label: 'Payload schema (JSON Schema)',
      type: 'json',
      rows: 10,
      help: 'The payload must match it, or the trigger gets 422. Empty keeps the stored one; {} removes it.',
    },
    { name: 'raisesAlert', label: 'Raises an alert', type: 'checkbox' },
    { name: 'alertSeverity', label: 'Alert severity', type: 'select', options: SEVERITIES, help: 'Required when it raises an alert.' },
    { name: 'active', label: 'Active (accepts triggers)', type: 'checkbox', default: true },
  ],
});

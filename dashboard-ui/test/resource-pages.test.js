import { test } from 'node:test';
import assert from 'node:assert/strict';

import { describeRejection, webhookUrl } from '../sources-page.js';
import { describeMatchers, silenceState, sourceName, sourceOptions } from '../silences-page.js';
import { schemaSummary } from '../event-sources-page.js';
import { parseRecipients } from '../groups-page.js';

test('the webhook URL is the page address with api/webhooks/<slug>, without hash or query', () => {
  assert.equal(webhookUrl('https://ops.example/?severity=critical#/sources', 'github'), 'https://ops.example/api/webhooks/github');
  assert.equal(webhookUrl('https://ops.example/console/', 'my-app_2'), 'https://ops.example/console/api/webhooks/my-app_2');
});

test('a rejection says why, the header seen and the skew in words', () => {
  const seen = describeRejection({ reason: 'stale_timestamp', headerName: 'Stripe-Signature', headerValue: 't=1,v1=ab', skewSeconds: 400 });
  assert.deepEqual(seen, { reason: 'timestamp too old or too new', header: 'Stripe-Signature: t=1,v1=ab', skew: 'signed 400 s before it arrived' });
  const missing = describeRejection({ reason: 'missing_signature', headerName: 'X-Hub-Signature-256', headerValue: null, skewSeconds: null });
  assert.equal(missing.header, 'X-Hub-Signature-256: not sent');
  assert.equal(missing.skew, null);
  assert.equal(describeRejection({ reason: 'stale_timestamp', headerName: 'h', skewSeconds: -30 }).skew, 'signed 30 s in the future');
});

const NAMES = {
  sources: [{ slug: 'github', name: 'GitHub org' }],
  eventSources: [{ name: 'order_created' }],
};

test('a silence names its source by name: a webhook source by slug, an event source, else as stored', () => {
  assert.equal(sourceName('github', NAMES), 'GitHub org');
  assert.equal(sourceName('order_created', NAMES), 'order_created (event source)');
  assert.equal(sourceName('gone', NAMES), 'gone');
  assert.equal(sourceName(null, NAMES), null);
  assert.deepEqual(sourceOptions(NAMES), [
    ['', 'Any source'],
    ['github', 'GitHub org'],
    ['order_created', 'order_created (event source)'],
  ]);
});

test('a silence matchers read as words', () => {
  const silence = { source: 'github', eventType: 'workflow_*', severities: ['critical', 'error'], text: 'disk' };
  assert.equal(describeMatchers(silence, NAMES), 'source GitHub org, type workflow_*, severity critical or error, text “disk”');
  assert.equal(describeMatchers({}, NAMES), 'everything');
});

test('a silence is pending before its start, active until its end, expired from it', () => {
  const silence = { startsAt: '2026-01-01T10:00:00Z', endsAt: '2026-01-01T12:00:00Z' };
  assert.equal(silenceState(silence, Date.parse('2026-01-01T09:59:59Z')), 'pending');
  assert.equal(silenceState(silence, Date.parse('2026-01-01T10:00:00Z')), 'active');
  assert.equal(silenceState(silence, Date.parse('2026-01-01T12:00:00Z')), 'expired');
});

test('an event source schema is summarised by its properties', () => {
  assert.equal(schemaSummary(null), 'none: any object');
  assert.equal(schemaSummary({ type: 'object', properties: { a: {}, b: {} }, required: ['a'] }), '2 properties (1 required)');
  assert.equal(schemaSummary({ type: 'object', properties: { a: {} } }), '1 property');
  assert.equal(schemaSummary({ type: 'object' }), 'a JSON Schema');
});

test('recipients typed one per line or with commas are trimmed and kept once', () => {
  assert.deepEqual(parseRecipients(' a@example.com\nb@example.com, a@example.com\n\n'), ['a@example.com', 'b@example.com']);
  assert.deepEqual(parseRecipients(''), []);
});

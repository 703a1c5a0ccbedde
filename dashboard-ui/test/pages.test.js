import { test } from 'node:test';
import assert from 'node:assert/strict';

import { bulkConfirmation, countText, countUpTo } from '../bulk-count.js';
import { pageOf } from '../console.js';
import { eventTimeline, replayable, sortedHeaders } from '../detail.js';
import { emptyEventFilter, eventApiParams, eventsHash, normaliseEventFilter, parseEventsHash } from '../events-query.js';
import { jsonSpans, jsonText } from '../json-view.js';
import { duration, queueFacts } from '../queues-page.js';
import { deliveryTimeline, eventFilterText, percent } from '../subscriptions-page.js';

test('a page with filters in its hash is still that page', () => {
  assert.equal(pageOf('#/events?status=failed', ['events']), 'events');
  assert.equal(pageOf('#/eventsx?status=failed', ['events']), null);
});

test('the events filter round-trips through the hash, in one key order', () => {
  const filter = normaliseEventFilter({ type: 'push', source: ' github ', status: 'failed', from: '2026-01-01T00:00:00.000Z' });
  const hash = eventsHash(filter);
  assert.equal(hash, '#/events?source=github&status=failed&type=push&from=2026-01-01T00%3A00%3A00Z');
  assert.deepEqual(parseEventsHash(hash), filter);
  assert.equal(eventsHash(emptyEventFilter()), '#/events');
});

test('unknown statuses, bad times and a reversed range are dropped, not sent', () => {
  const filter = parseEventsHash('#/events?status=bogus&from=yesterday&to=2026-01-01T00:00:00Z&source=' + 'x'.repeat(300));
  assert.equal(filter.status, '');
  assert.equal(filter.from, '');
  assert.equal(filter.source.length, 200);
  assert.equal(normaliseEventFilter({ from: '2026-01-02T00:00:00Z', to: '2026-01-01T00:00:00Z' }).to, '');
  assert.deepEqual(eventApiParams(normaliseEventFilter({ status: 'failed' })), { status: 'failed' });
});

test('countUpTo pages until the last page or the cap', async () => {
  const pages = { undefined: { items: [1, 2], nextBefore: 5 }, 5: { items: [3], nextBefore: null } };
  assert.deepEqual(await countUpTo(async (before) => pages[before], 10), { count: 3, more: false });
  let calls = 0;
  const endless = async (before) => {
    calls += 1;
    return { items: [1, 2, 3], nextBefore: (before || 100) - 3 };
  };
  assert.deepEqual(await countUpTo(endless, 6), { count: 6, more: true });
  assert.equal(calls, 2);
  assert.deepEqual(await countUpTo(async () => ({ items: [] }), 6), { count: 0, more: false });
});

test('the confirmation says how many, or nothing when there is none', () => {
  const words = { singular: 'failed event', plural: 'failed events', verb: 'Replay', limit: 1000 };
  assert.equal(bulkConfirmation({ count: 0, more: false }, words), null);
  assert.equal(bulkConfirmation({ count: 1, more: false }, words), 'Replay 1 failed event?');
  assert.equal(bulkConfirmation({ count: 3, more: false }, words), 'Replay 3 failed events?');
  assert.match(bulkConfirmation({ count: 1000, more: true }, words), /^Replay more than 1000 failed events\? One run takes at most 1000/);
  assert.equal(countText({ count: 1, more: true }, 'x', 'xs'), 'more than 1 xs');
});

test('a value shows pretty-printed, a string holding JSON parsed first, other text as it is', () => {
  assert.equal(jsonText({ a: 1 }), '{\n  "a": 1\n}');
  assert.equal(jsonText('{"a":1}'), '{\n  "a": 1\n}');
  assert.equal(jsonText('a=1&b=<x>'), 'a=1&b=<x>');
  assert.equal(jsonText(null), '');
});

// Prism's tokens for jsonText('{"a":"b","n":-1.5e-7,"t":[true,null]}'): plain strings between { type, content } tokens
const tok = (type, content, alias) => ({ type, content, alias });
const PRISM_TOKENS = [
  tok('punctuation', '{'),
  '\n  ',
  tok('property', '"a"'),
  tok('operator', ':'),
  ' ',
  tok('string', '"b"'),
  tok('punctuation', ','),
  '\n  ',
  tok('property', '"n"'),
  tok('operator', ':'),
  ' ',
  tok('number', '-1.5e-7'),
  tok('punctuation', ','),
  '\n  ',
  tok('property', '"t"'),
  tok('operator', ':'),
  ' ',
  tok('punctuation', '['),
  '\n    ',
  tok('boolean', 'true'),
  tok('punctuation', ','),
  '\n    ',
  tok('null', 'null', 'keyword'),
  '\n  ',
  tok('punctuation', ']'),
  '\n',
  tok('punctuation', '}'),
];

test("Prism's JSON tokens become spans that cover the text exactly and tell keys from strings", () => {
  const spans = jsonSpans(PRISM_TOKENS);
  const of = (kind) => spans.filter((s) => s.kind === kind).map((s) => s.text);
  assert.equal(spans.map((s) => s.text).join(''), jsonText('{"a":"b","n":-1.5e-7,"t":[true,null]}'));
  assert.deepEqual(of('key'), ['"a"', '"n"', '"t"']);
  assert.deepEqual(of('string'), ['"b"']);
  assert.deepEqual(of('number'), ['-1.5e-7']);
  assert.deepEqual(of('literal'), ['true', 'null']);
  assert.deepEqual(of('punct'), ['{', ':', ',', ':', ',', ':', '[', ',', ']', '}']);
  assert.ok(of('text').every((s) => s.trim() === ''), 'only the layout is plain text');
});

test('a token of a type the page does not colour, or with nested content, shows as its text', () => {
  const spans = jsonSpans(['x', tok('comment', '// note'), tok('string', [tok('escape', '"\\u003c'), '"'])]);
  assert.deepEqual(spans, [
    { kind: 'text', text: 'x' },
    { kind: 'text', text: '// note' },
    { kind: 'string', text: '"\\u003c"' },
  ]);
  assert.deepEqual(jsonSpans([]), []);
});

test('replay is offered for every event but a processed one', () => {
  assert.equal(replayable({ status: 'failed' }), true);
  assert.equal(replayable({ status: 'pending' }), true);
  assert.equal(replayable({ status: 'processed' }), false);
  assert.equal(replayable(null), false);
});

test('the event timeline ends in what became of it', () => {
  const failed = eventTimeline({ status: 'failed', attempts: 3, error: 'parse error', receivedAt: 'r', processingStartedAt: 's', processedAt: null });
  assert.deepEqual(failed.map((s) => s.tone), ['ok', 'info', 'error']);
  assert.equal(failed[2].label, 'Failed after 3 attempts: parse error');
  const done = eventTimeline({ status: 'processed', attempts: 1, alertId: 9, receivedAt: 'r', processingStartedAt: 's', processedAt: 'p' });
  assert.equal(done[2].label, 'Processed: alert #9');
  assert.equal(eventTimeline({ status: 'pending', attempts: 0, receivedAt: 'r' })[1].label, 'Waiting for a worker');
  assert.deepEqual(Object.keys(sortedHeaders({ b: 1, a: 2 })), ['a', 'b']);
});

test('queue figures read in words and units', () => {
  assert.equal(duration(null), '—');
  assert.equal(duration(0.25), '250 ms');
  assert.equal(duration(42), '42 s');
  assert.equal(duration(185), '3 min 5 s');
  assert.equal(duration(7440), '2 h 4 min');
  const queue = {
    name: 'events', failed: 10000, perMinute: 1.2, doneInWindow: 6, scheduledRetries: 2,
    stream: { length: 5, groupExists: true, lag: null, pending: 1, oldestPendingSeconds: 3, oldestWaitingSeconds: null },
  };
  const facts = Object.fromEntries(queueFacts(queue, 10000));
  assert.equal(facts['Lag (not yet read)'], 'unknown');
  assert.equal(facts.Failed, 'at least 10000');
  assert.equal(facts['Wait time (oldest waiting)'], '—');
  assert.equal(Object.fromEntries(queueFacts({ ...queue, stream: null, failed: 2 }, 10000)).Length, 'unknown: Redis does not answer');
});

test('subscription cards name the filter and each attempt', () => {
  assert.equal(eventFilterText({ eventTypes: [] }), 'all event types');
  assert.equal(eventFilterText({ eventTypes: ['*'] }), 'all event types');
  assert.equal(eventFilterText({ eventTypes: ['push', 'issues'], sourceId: 3 }, 'GitHub'), 'push, issues from GitHub');
  assert.equal(percent(0.9876), '98.8 %');
  assert.equal(percent(null), '—');
  const steps = deliveryTimeline([
    { attempt: 1, attemptedAt: 'a', statusCode: 500, latencyMs: 12, error: 'HTTP 500' },
    { attempt: 2, attemptedAt: 'b', statusCode: 200, latencyMs: 8, error: null },
  ]);
  assert.deepEqual(steps.map((s) => s.tone), ['error', 'ok']);
  assert.equal(steps[1].label, 'Attempt 2: HTTP 200 in 8 ms');
});

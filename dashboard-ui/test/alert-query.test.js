import assert from 'node:assert/strict';
import { test } from 'node:test';

import { apiParams, emptyFilter, fromLocalInput, isEmpty, matches, normalise, parseSearch, toLocalInput, toSearch } from '../alert-query.js';

test('a query string reads into a filter and writes back the same, keys in one order', () => {
  const filter = parseSearch('?q=disk%20full&state=open&severity=error&severity=critical&source=ci&type=push&read=false&from=2026-01-01T00:00:00Z&group=24h');
  assert.deepEqual(filter.severity, ['critical', 'error'], 'repeated severities, in the order of urgency');
  assert.equal(filter.q, 'disk full');
  assert.equal(filter.read, 'false');
  assert.equal(
    toSearch(filter),
    '?severity=critical,error&source=ci&type=push&state=open&read=false&from=2026-01-01T00:00:00Z&q=disk%20full&group=24h',
  );
  assert.deepEqual(parseSearch(toSearch(filter)), filter, 'round trip');
});

test('no filter is an empty query string', () => {
  assert.equal(toSearch(emptyFilter()), '');
  assert.equal(toSearch(parseSearch('')), '');
  assert.equal(isEmpty(parseSearch('?group=24h')), true, 'grouping is not a filter');
  assert.equal(isEmpty(parseSearch('?severity=info')), false);
});

test('values the API would refuse are dropped, not sent', () => {
  const filter = parseSearch('?severity=urgent,critical&state=closed&read=maybe&from=yesterday&group=30d');
  assert.deepEqual(filter.severity, ['critical']);
  assert.equal(filter.state, '');
  assert.equal(filter.read, '');
  assert.equal(filter.from, '');
  assert.equal(filter.group, '');
  assert.equal(normalise({ q: 'x'.repeat(300) }).q.length, 200, 'text is cut to the API bound');
  assert.equal(normalise({ from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }).to, '', 'an end before the start');
});

test('query-string text is only ever text', () => {
  const filter = parseSearch('?q=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&source=a%26state%3Dresolved');
  assert.equal(filter.q, '<img src=x onerror=alert(1)>');
  assert.equal(filter.source, 'a&state=resolved');
  assert.equal(filter.state, '', 'an encoded & does not add a parameter');
  assert.equal(parseSearch(toSearch(filter)).source, 'a&state=resolved');
});

test('API parameters leave out what is not filtered and join severities', () => {
  assert.deepEqual(apiParams(parseSearch('?severity=critical,info&q=x&group=1h')), {
    severity: 'critical,info',
    source: undefined,
    type: undefined,
    state: undefined,
    read: undefined,
    from: undefined,
    to: undefined,
    q: 'x',
  });
});

const alert = {
  id: 7,
  severity: 'critical',
  source: 'github',
  eventType: 'workflow_run',
  title: 'CI failed',
  message: 'Tests broke on main',
  state: 'open',
  read: false,
  createdAt: '2026-01-01T10:00:00Z',
};

test('a live alert matches the filters as the API would decide', () => {
  const cases = [
    [{}, true],
    [{ severity: ['critical', 'error'] }, true],
    [{ severity: ['info'] }, false],
    [{ source: 'github' }, true],
    [{ source: 'stripe' }, false],
    [{ type: 'workflow_run' }, true],
    [{ type: 'push' }, false],
    [{ state: 'open' }, true],
    [{ state: 'resolved' }, false],
    [{ read: 'false' }, true],
    [{ read: 'true' }, false],
    [{ q: 'ci FAIL' }, true],
    [{ q: 'BROKE on' }, true, 'the message too'],
    [{ q: 'deploy' }, false],
    [{ from: '2026-01-01T10:00:00Z' }, true, 'from is inclusive'],
    [{ to: '2026-01-01T10:00:00Z' }, false, 'to is exclusive'],
    [{ from: '2026-01-01T09:00:00Z', to: '2026-01-01T11:00:00Z' }, true],
    [{ severity: ['critical'], source: 'github', q: 'nope' }, false, 'every filter must match'],
  ];
  for (const [filter, expected, why] of cases) {
    assert.equal(matches(alert, filter), expected, why || JSON.stringify(filter));
  }
  assert.equal(matches({ ...alert, state: undefined }, { state: 'open' }), true, 'no state is open');
  assert.equal(matches(null, {}), false);
});

test('datetime-local values are local time and become instants', () => {
  const iso = fromLocalInput('2026-03-04T05:06');
  assert.equal(iso, new Date(2026, 2, 4, 5, 6).toISOString().replace('.000Z', 'Z'));
  assert.equal(toLocalInput(iso), '2026-03-04T05:06');
  assert.equal(toLocalInput(''), '');
  assert.equal(fromLocalInput(''), '');
});

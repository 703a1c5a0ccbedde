import assert from 'node:assert/strict';
import { test } from 'node:test';

import { prettyPayload } from '../detail.js';

test('a missing payload is shown as (empty)', () => {
  assert.equal(prettyPayload(null), '(empty)');
  assert.equal(prettyPayload(undefined), '(empty)');
});

test('an object payload is indented JSON', () => {
  assert.equal(prettyPayload({ a: 1, b: [true] }), '{\n  "a": 1,\n  "b": [\n    true\n  ]\n}');
});

test('a string holding JSON is parsed and indented', () => {
  assert.equal(prettyPayload('{"a":{"b":null}}'), '{\n  "a": {\n    "b": null\n  }\n}');
});

test('a string body that is not JSON is shown as it is', () => {
  assert.equal(prettyPayload('a=1&b=<x>'), 'a=1&b=<x>');
});

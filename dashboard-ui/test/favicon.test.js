import assert from 'node:assert/strict';
import { test } from 'node:test';

import { faviconHref, faviconSvg } from '../favicon.js';

test('the icon shows the number of open criticals on red', () => {
  const svg = faviconSvg(3);
  assert.match(svg, />3<\/text>/);
  assert.match(svg, /fill="#d0112b"/);
});

test('no open critical is a green dot without a number', () => {
  const svg = faviconSvg(0);
  assert.doesNotMatch(svg, /<text/);
  assert.match(svg, /#3fb950/);
});

test('past 99 it says 99+, and a bad count is none', () => {
  assert.match(faviconSvg(250), />99\+<\/text>/);
  assert.doesNotMatch(faviconSvg('x'), /<text/);
});

test('the href is an SVG data URL', () => {
  assert.ok(faviconHref(2).startsWith('data:image/svg+xml,'));
  assert.equal(decodeURIComponent(faviconHref(2).slice('data:image/svg+xml,'.length)), faviconSvg(2));
});

// WCAG 2.x AA contrast of the page's colours, read from styles.css itself, in the dark theme (the
// default) and the light one: text 4.5:1 against every background it sits on, the severity and
// state colours (used as text in badges and errors) 4.5:1 against the panels, the focus ring and
// the severity row edges 3:1 (non-text contrast). A colour changed below the bar fails here.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const css = readFileSync(new URL('../styles.css', import.meta.url), 'utf8');

function variables(block) {
  const out = {};
  for (const [, name, value] of block.matchAll(/--([a-z0-9-]+):\s*(#[0-9a-fA-F]{6})\s*;/g)) out[name] = value;
  return out;
}

const dark = variables(/:root\s*{([^}]*)}/.exec(css)[1]);
const light = { ...dark, ...variables(/prefers-color-scheme:\s*light\)\s*{\s*:root\s*{([^}]*)}/.exec(css)[1]) };

function luminance(hex) {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrast(a, b) {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

const TEXT = ['text', 'muted'];
const COLOURED_TEXT = ['info', 'warning', 'error', 'critical'];
const BACKGROUNDS = ['bg', 'panel', 'panel-2'];

for (const [theme, colours] of [['dark', dark], ['light', light]]) {
  test(`${theme}: body and muted text reach 4.5:1 on every background`, () => {
    for (const fg of TEXT) {
      for (const bg of BACKGROUNDS) {
        const ratio = contrast(colours[fg], colours[bg]);
        assert.ok(ratio >= 4.5, `${theme} --${fg} on --${bg}: ${ratio.toFixed(2)}:1`);
      }
    }
  });

  test(`${theme}: severity colours used as text reach 4.5:1 on the panels`, () => {
    for (const fg of COLOURED_TEXT) {
      for (const bg of ['bg', 'panel']) {
        const ratio = contrast(colours[fg], colours[bg]);
        assert.ok(ratio >= 4.5, `${theme} --${fg} on --${bg}: ${ratio.toFixed(2)}:1`);
      }
    }
  });

  test(`${theme}: the focus ring stands out 3:1 from the backgrounds`, () => {
    for (const bg of BACKGROUNDS) {
      const ratio = contrast(colours.focus, colours[bg]);
      assert.ok(ratio >= 3, `${theme} --focus on --${bg}: ${ratio.toFixed(2)}:1`);
    }
  });
}

test('the contrast formula gives the known extremes', () => {
  assert.equal(Number(contrast('#000000', '#ffffff').toFixed(2)), 21);
  assert.equal(contrast('#777777', '#777777'), 1);
});

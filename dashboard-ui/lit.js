// The page's one door to lit-html (vendored from its webjar, see docs/dashboard.md): the lists that keep
// their rows by key across updates (the alert feed, the notifications panel) draw with these, so a row
// keeps its element, and the focus on it, while rows arrive and move around it.

import { html, nothing } from './vendor/lit-html/lit-html.js';
import { absoluteTime, relativeTime } from './dom.js';

export { html, nothing, render } from './vendor/lit-html/lit-html.js';
export { repeat } from './vendor/lit-html/directives/repeat.js';

/**
 * A <time> that refreshRelativeTimes (dom.js) keeps relative, like dom.js timeElement. Its text is bound
 * as a property, not as a child, so the refresh may rewrite it between renders without breaking lit's markers.
 */
export function relativeTimeTemplate(iso) {
  return html`<time datetime=${iso ?? nothing} title=${absoluteTime(iso)} data-relative .textContent=${relativeTime(iso)}></time>`;
}

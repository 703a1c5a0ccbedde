// What an alert's row offers and says of its triage (acknowledge, resolve, reopen), apart from the
// list that draws it (feed.js) so it reads, and is tested, without a page.

/** The triage moves a row offers, in order: [action, label]; which ones depends on the alert's state. */
export const TRIAGE = [
  ['acknowledge', 'Acknowledge'],
  ['resolve', 'Resolve'],
  ['reopen', 'Reopen'],
];
const OFFERED = {
  open: ['acknowledge', 'resolve'],
  acknowledged: ['resolve', 'reopen'],
  resolved: ['reopen'],
};

/** The alert's state; an alert from before triage existed is open. */
export function stateOf(alert) {
  return alert.state || 'open';
}

/** Whether a row offers this move now: acknowledging an open alert, reopening a resolved one, … */
export function offers(alert, action) {
  return (OFFERED[stateOf(alert)] || []).includes(action);
}

/** What the row says of its triage: nothing while open, else who moved it. */
export function triageText(alert) {
  if (alert.state === 'acknowledged') return `Acknowledged by ${alert.acknowledgedBy || 'someone'}`;
  if (alert.state === 'resolved') return `Resolved by ${alert.resolvedBy || 'someone'}`;
  return '';
}

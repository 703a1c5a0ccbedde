// Counts what a bulk action would touch before the operator confirms it, by paging the keyset list
// API the page already uses (so no count endpoint has to agree with the list's filters), and says
// it in words. No DOM here.

/**
 * Counts the items a keyset list answers, page by page, up to cap. fetchPage(before) resolves to
 * { items, nextBefore }. Resolves to { count, more } where more says the count stopped at cap.
 */
export async function countUpTo(fetchPage, cap) {
  let count = 0;
  let before;
  for (;;) {
    const page = (await fetchPage(before)) || {};
    count += ((page.items) || []).length;
    if (count >= cap) return { count: cap, more: count > cap || page.nextBefore != null };
    if (page.nextBefore === null || page.nextBefore === undefined) return { count, more: false };
    before = page.nextBefore;
  }
}

/** "3 failed events", "1 failed delivery", "more than 1000 failed events" */
export function countText({ count, more }, singular, plural) {
  return `${more ? 'more than ' : ''}${count} ${count === 1 && !more ? singular : plural}`;
}

/** The confirmation for a bulk action, or null when there is nothing to do. */
export function bulkConfirmation(counted, { singular, plural, verb, limit }) {
  if (counted.count === 0) return null;
  const what = countText(counted, singular, plural);
  const capped = limit && (counted.more || counted.count >= limit)
    ? ` One run takes at most ${limit}; run it again for the rest.`
    : '';
  return `${verb} ${what}?${capped}`;
}

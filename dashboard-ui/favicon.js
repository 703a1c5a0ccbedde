// The tab's icon: a round badge with the number of open criticals (red), or a plain green dot when
// there are none, drawn as an SVG data URL so the page ships no image files.

/** The SVG for this many open criticals; "99+" past 99. */
export function faviconSvg(count) {
  const n = Math.max(0, Math.floor(Number(count) || 0));
  if (n === 0) {
    return '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><circle cx="32" cy="32" r="22" fill="#3fb950"/></svg>';
  }
  const label = n > 99 ? '99+' : String(n);
  const size = label.length === 1 ? 44 : label.length === 2 ? 36 : 26;
  return (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">' +
    '<circle cx="32" cy="32" r="31" fill="#d0112b"/>' +
    `<text x="32" y="33" fill="#fff" font-family="Arial,sans-serif" font-weight="700" font-size="${size}" ` +
    `text-anchor="middle" dominant-baseline="central">${label}</text></svg>`
  );
}

/** The href of the icon for this many open criticals. */
export function faviconHref(count) {
  return `data:image/svg+xml,${encodeURIComponent(faviconSvg(count))}`;
}

/** Points the page's <link rel="icon"> at the icon for this count (adds the link if the page has none). */
export function showFavicon(count, doc = document) {
  let link = doc.querySelector('link[rel="icon"]');
  if (!link) {
    link = doc.createElement('link');
    link.rel = 'icon';
    doc.head.append(link);
  }
  const href = faviconHref(count);
  if (link.getAttribute('href') !== href) link.setAttribute('href', href);
  link.dataset.count = String(Math.max(0, Math.floor(Number(count) || 0)));
}

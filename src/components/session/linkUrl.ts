/** The page's address with a link fragment, and what a phone can make of it. */

/** The full address of this page with `fragment`. */
export function linkUrl(fragment: string): string {
  return `${window.location.origin}${window.location.pathname}#${fragment}`;
}

/** The fragment of the embed link: the same state with `&embed=1`. */
export function embedFragment(fragment: string): string {
  return /&embed=1(&|$)/.test(fragment) ? fragment : `${fragment}&embed=1`;
}

/** Whether the page is served from this computer only (another device cannot open its links). */
export function servedLocally(location: Pick<Location, 'hostname' | 'protocol'> = window.location): boolean {
  const host = location.hostname.replace(/^\[|\]$/g, '');
  return (
    location.protocol === 'file:' ||
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '::1' ||
    /^127\./.test(host)
  );
}

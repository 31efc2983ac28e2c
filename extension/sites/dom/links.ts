/**
 * The absolute URL a link points to, resolved against the page URL given by
 * the caller (not `a.href`, which depends on the document's base and is
 * `about:blank`-relative in detached or test documents). undefined when the
 * element has no href or it does not parse.
 */
export function linkUrl(a: Element, base: URL): URL | undefined {
  const href = a.getAttribute('href');
  if (href === null || href.trim() === '') return undefined;
  try {
    return new URL(href, base);
  } catch {
    return undefined;
  }
}

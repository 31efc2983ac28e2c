/**
 * The HTML shell of an extension page: a mount point and one external
 * script, so the page satisfies `script-src 'self'` with no inline code.
 *
 * @param options.title  plain text, escaped here
 * @example pageHtml({ title: 'cvlens', script: 'popup.js', css: 'pages.css' }).includes('<script src="popup.js"') // true
 */
export function pageHtml(options: { title: string; script: string; css: string }): string {
  const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html>
<html>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(options.title)}</title>
<link rel="stylesheet" href="${esc(options.css)}">
</head>
<body>
<div id="app"></div>
<script src="${esc(options.script)}"></script>
</body>
</html>
`;
}

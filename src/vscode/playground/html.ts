// The playground's HTML: a pure function (unit-tested). CSP `default-src 'none'`, scripts only with the
// per-render nonce, styles and fonts only from the extension's own built assets, no inline handlers.

export interface PlaygroundHtmlInput {
  /** webview.cspSource */
  cspSource: string;
  /** A fresh random value per render. */
  nonce: string;
  scriptUri: string;
  styleUri: string;
  codiconsUri?: string;
}

// Attributes are double-quoted, so single quotes (the CSP's) need no escaping.
const escapeAttr = (v: string): string => v.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

export function renderPlaygroundHtml(input: PlaygroundHtmlInput): string {
  if (!/^[A-Za-z0-9+/=_-]{16,}$/.test(input.nonce)) throw new Error('the nonce must be at least 16 random characters');
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${input.nonce}'`,
    `style-src ${input.cspSource}`,
    `font-src ${input.cspSource}`,
    `img-src ${input.cspSource} data:`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttr(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttr(input.styleUri)}">
${input.codiconsUri ? `<link rel="stylesheet" href="${escapeAttr(input.codiconsUri)}" id="vscode-codicon-stylesheet">` : ''}
<title>QoD Playground</title>
</head>
<body>
<main id="app" aria-busy="true"></main>
<script type="module" nonce="${escapeAttr(input.nonce)}" src="${escapeAttr(input.scriptUri)}"></script>
</body>
</html>`;
}

import { escapeHtml } from "../sso/error-page.ts";

/**
 * The IdP posts its answer to the ACS from its own site, so the browser sends none of our
 * cookies with it (SameSite) and the ACS cannot tell whose browser it is in. The ACS therefore
 * answers with this page, which posts the same answer on to the finish route from our own
 * site: that request carries the bp_sso_browser cookie set when the log-in started, and only
 * the browser that started it can finish it (no log-in CSRF).
 */
export const samlFinishPath = "/api/v1/sso/saml/finish";
export const samlContinueScriptPath = "/api/v1/sso/saml/continue.js";

/** Submits the form at once; a file of ours because the CSP allows no inline script. */
export const samlContinueScript = 'document.getElementById("saml-continue").submit();\n';

export function samlContinuePage(samlResponse: string): string {
  return `<!doctype html>
<html lang="da">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Logger ind … – Borgerpuls</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5}</style>
</head>
<body>
<main>
<h1>Logger ind …</h1>
<form id="saml-continue" method="post" action="${samlFinishPath}">
<input type="hidden" name="SAMLResponse" value="${escapeHtml(samlResponse)}">
<p>Sker der ikke noget, så tryk på knappen.</p>
<button type="submit">Fortsæt</button>
</form>
</main>
<script src="${samlContinueScriptPath}"></script>
</body>
</html>
`;
}

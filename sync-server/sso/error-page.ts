import { type ErrorCode, errorCatalogue } from "../../shared/errors.ts";

/**
 * The pages a browser lands on when a single sign-on log-in fails, in Danish (staff of a
 * Danish municipality; the dashboard's own pages are Danish first). The status and the code come
 * from the error catalogue; each page says what happened and what the person can do.
 */

type Page = { title: string; text: string };

const pages = {
  sso_not_configured: {
    title: "Log-in med kommunens konto er ikke sat op",
    text: "Denne log-in findes ikke eller er slået fra. Kontakt kommunens IT-administrator.",
  },
  sso_state_invalid: {
    title: "Log-in kunne ikke fuldføres",
    text: "Log-in-forsøget er ukendt, allerede brugt, udløbet eller startet i en anden browser. Start log-in forfra.",
  },
  sso_wrong_audience: {
    title: "Log-in afvist: forkert modtager",
    text: "Identitetsudbyderens billet var lavet til et andet system end Borgerpuls. Kontakt kommunens IT-administrator.",
  },
  sso_token_expired: {
    title: "Log-in afvist: billetten er udløbet",
    text: "Identitetsudbyderens billet var udløbet eller endnu ikke gyldig. Tjek at computerens ur går rigtigt, og prøv igen.",
  },
  sso_bad_nonce: {
    title: "Log-in afvist: billetten hører ikke til dette log-in",
    text: "Billetten fra identitetsudbyderen passer ikke til det log-in, du startede. Start log-in forfra.",
  },
  sso_bad_signature: {
    title: "Log-in afvist: ugyldig signatur",
    text: "Billetten er ikke underskrevet med identitetsudbyderens nøgle. Kontakt kommunens IT-administrator.",
  },
  sso_token_invalid: {
    title: "Log-in afvist",
    text: "Svaret fra identitetsudbyderen kunne ikke godkendes. Start log-in forfra, eller kontakt kommunens IT-administrator.",
  },
  sso_idp_refused: {
    title: "Identitetsudbyderen loggede dig ikke ind",
    text: "Log-in blev afbrudt eller afvist hos identitetsudbyderen. Prøv igen.",
  },
  sso_idp_unreachable: {
    title: "Identitetsudbyderen svarer ikke",
    text: "Borgerpuls kan ikke nå kommunens identitetsudbyder lige nu. Prøv igen om lidt; virker det stadig ikke, så kontakt kommunens IT-administrator.",
  },
  sso_unknown_group: {
    title: "Du har ikke adgang til Borgerpuls",
    text: "Ingen af dine grupper hos kommunen giver adgang til Borgerpuls. Bed din leder eller IT-administrator om at blive føjet til den rette gruppe.",
  },
  sso_user_disabled: {
    title: "Din konto er spærret",
    text: "En administrator har spærret din Borgerpuls-konto. Kontakt kommunens Borgerpuls-administrator.",
  },
  sso_no_email: {
    title: "Log-in afvist: ingen e-mailadresse",
    text: "Identitetsudbyderen sendte ingen e-mailadresse, som Borgerpuls skal bruge første gang. Kontakt kommunens IT-administrator.",
  },
  sso_email_in_use: {
    title: "Log-in afvist: e-mailadressen er i brug",
    text: "Din e-mailadresse tilhører allerede en anden Borgerpuls-konto. Kontakt kommunens Borgerpuls-administrator.",
  },
  saml_invalid_response: {
    title: "Log-in afvist: ugyldigt svar",
    text: "Borgerpuls modtog ikke et gyldigt SAML-svar fra identitetsudbyderen. Start log-in forfra; sker det igen, så kontakt kommunens IT-administrator.",
  },
  saml_unsigned: {
    title: "Log-in afvist: svaret er ikke underskrevet",
    text: "Identitetsudbyderens svar var ikke underskrevet, og Borgerpuls tager kun imod underskrevne svar. Kontakt kommunens IT-administrator.",
  },
  saml_not_yet_valid: {
    title: "Log-in afvist: billetten gælder endnu ikke",
    text: "Identitetsudbyderens billet gælder først senere. Uret hos identitetsudbyderen eller på Borgerpuls-serveren går forkert. Kontakt kommunens IT-administrator.",
  },
  saml_replayed: {
    title: "Log-in afvist: svaret er allerede brugt",
    text: "Dette log-in-svar er allerede brugt én gang og kan ikke bruges igen. Start log-in forfra.",
  },
  saml_metadata_missing: {
    title: "Log-in med kommunens konto er ikke færdig sat op",
    text: "Identitetsudbyderens metadata er endnu ikke indlæst i Borgerpuls. Kontakt kommunens IT-administrator.",
  },
} as const satisfies Partial<Record<ErrorCode, Page>>;

export type SsoErrorCode = keyof typeof pages;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The status and HTML of the page for a failure. */
export function ssoErrorPage(code: SsoErrorCode): { status: number; html: string } {
  const page: Page = pages[code];
  const html = `<!doctype html>
<html lang="da">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)} – Borgerpuls</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}a{color:#0b5394}code{background:#f1f1f1;padding:0 .25rem}</style>
</head>
<body>
<main>
<h1>${escapeHtml(page.title)}</h1>
<p>${escapeHtml(page.text)}</p>
<p><a href="/dashboard/">Tilbage til log-in</a></p>
<p><small>Fejlkode: <code data-error-code="${code}">${code}</code></small></p>
</main>
</body>
</html>
`;
  return { status: errorCatalogue[code].status, html };
}

export function isSsoErrorCode(code: string): code is SsoErrorCode {
  return Object.hasOwn(pages, code);
}

import http from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, type JWTPayload, SignJWT } from "jose";

/**
 * An OpenID provider whose token endpoint answers with an id_token the test writes (with jose),
 * for the failures a well-behaved provider never produces: a wrong audience, another nonce, an
 * expired token, a signature by a key that is not the provider's. Discovery and JWKS are real
 * HTTP on loopback; the relying party under test fetches and checks them as it would Entra ID's.
 */
export type TokenScript = {
  /** Claims over the defaults (iss, aud, sub, nonce, iat, exp, groups, email). */
  claims?: JWTPayload;
  /** Sign with a key the provider's JWKS does not hold (same kid: a forged signature). */
  forgeSignature?: boolean;
  /** Answer the token request with this HTTP status and no token. */
  failWith?: number;
};

export type ScriptedIdp = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The nonce of the authorization request, which the next token answer must carry. */
  nextToken(nonce: string, script: TokenScript): void;
  tokenRequests(): number;
  /** The form of the last token request (redirect_uri, code_verifier…), as the RP sent it. */
  lastTokenForm(): URLSearchParams | undefined;
  close(): Promise<void>;
};

export async function startScriptedIdp(): Promise<ScriptedIdp> {
  const good = await generateKeyPair("RS256", { extractable: true });
  const forger = await generateKeyPair("RS256", { extractable: true });
  const kid = "scripted-1";
  const publicJwk = { ...(await exportJWK(good.publicKey)), kid, alg: "RS256", use: "sig" };
  const clientId = "borgerpuls-scripted";
  const clientSecret = "scripted-client-secret-long-enough";
  let pending: { nonce: string; script: TokenScript } | undefined;
  let tokenRequests = 0;
  let lastTokenForm: URLSearchParams | undefined;
  const server = http.createServer();
  server.on("error", () => undefined);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  async function idToken(nonce: string, script: TokenScript): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({
      iss: issuer,
      aud: clientId,
      sub: "scripted-subject",
      nonce,
      iat: now,
      exp: now + 300,
      email: "scripted@horsens.dk",
      groups: ["BP-Chefer-Horsens"],
      ...script.claims,
    })
      .setProtectedHeader({ alg: "RS256", kid })
      .sign(script.forgeSignature ? forger.privateKey : good.privateKey);
  }

  server.on("request", (req, res) => {
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    };
    if (req.url === "/.well-known/openid-configuration") {
      json(200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        end_session_endpoint: `${issuer}/logout`,
        response_types_supported: ["code"],
        subject_types_supported: ["public"],
        id_token_signing_alg_values_supported: ["RS256"],
        code_challenge_methods_supported: ["S256"],
        token_endpoint_auth_methods_supported: ["client_secret_post"],
      });
    } else if (req.url === "/jwks") {
      json(200, { keys: [publicJwk] });
    } else if (req.url === "/token" && req.method === "POST") {
      tokenRequests += 1;
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        lastTokenForm = new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
        const answer = pending;
        pending = undefined;
        if (!answer) return json(400, { error: "invalid_grant" });
        if (answer.script.failWith) {
          res.writeHead(answer.script.failWith).end("upstream trouble");
          return;
        }
        idToken(answer.nonce, answer.script).then(
          (token) =>
            json(200, {
              access_token: "at",
              token_type: "Bearer",
              expires_in: 300,
              id_token: token,
            }),
          () => json(500, { error: "server_error" }),
        );
      });
    } else {
      json(404, { error: "not_found" });
    }
  });

  return {
    issuer,
    clientId,
    clientSecret,
    nextToken: (nonce, script) => {
      pending = { nonce, script };
    },
    tokenRequests: () => tokenRequests,
    lastTokenForm: () => lastTokenForm,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

import http from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair } from "jose";
import Provider, { type Configuration } from "oidc-provider";

/** A person at the test provider: the claims its id_token carries (groups among them). */
export type TestAccount = { email: string; name: string; groups: string[] };

export type TestOidcProvider = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Adds or changes an account; the login page takes its subject as the user name. */
  setAccount(subject: string, account: TestAccount): void;
  /** Stops answering (the "IdP down" case); start() brings it back on the same port. */
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
};

/**
 * A real OpenID provider (node-oidc-provider, the certified implementation) on loopback, with
 * its development log-in pages (any password, the user name is the subject) and one
 * confidential client whose redirect URI is the Borgerpuls server's callback.
 */
export async function startOidcProvider(options: {
  redirectUris: string[];
  postLogoutRedirectUris: string[];
}): Promise<TestOidcProvider> {
  const accounts = new Map<string, TestAccount>();
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const signingKey = {
    ...(await exportJWK(privateKey)),
    kid: "test-key-1",
    alg: "RS256",
    use: "sig",
  };
  const clientId = "borgerpuls-test";
  const clientSecret = "a-test-client-secret-of-enough-length";
  const server = http.createServer();
  server.on("error", () => undefined);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const issuer = `http://127.0.0.1:${port}`;
  const configuration: Configuration = {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        post_logout_redirect_uris: options.postLogoutRedirectUris,
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_post",
      },
    ],
    jwks: { keys: [signingKey] },
    cookies: { keys: ["test-cookie-key-one", "test-cookie-key-two"] },
    pkce: { required: () => true },
    // The groups ride in the id_token, as Entra ID sends them with groupMembershipClaims.
    conformIdTokenClaims: false,
    claims: { openid: ["sub", "groups"], email: ["email", "email_verified"], profile: ["name"] },
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    findAccount: (_ctx, subject) => {
      const account = accounts.get(subject);
      if (!account) return undefined;
      return {
        accountId: subject,
        claims: () => ({ sub: subject, ...account, email_verified: true }),
      };
    },
  };
  const provider = new Provider(issuer, configuration);
  // Koa (which Provider extends) listens to its own 'error' when nobody else does; silent keeps
  // the expected failures of the tamper tests out of the test output.
  provider.silent = true;
  provider.on("server_error", () => undefined);
  const handler = provider.callback();
  server.on("request", handler);
  let listening = true;
  const stop = async () => {
    if (!listening) return;
    listening = false;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  };
  return {
    issuer,
    clientId,
    clientSecret,
    setAccount: (subject, account) => accounts.set(subject, account),
    stop,
    async start() {
      if (listening) return;
      await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
      listening = true;
    },
    close: stop,
  };
}

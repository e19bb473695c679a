import { createPrivateKey, X509Certificate } from "node:crypto";
import { readFile } from "node:fs/promises";
import { ConfigError } from "../../config.ts";
import type { SpKeyPair } from "./service-provider.ts";

/**
 * Reads SAML_SP_CERT_FILE and SAML_SP_KEY_FILE once at start; a file that is missing, not PEM,
 * or a key that does not belong to the certificate stops the start with a clear message rather
 * than failing the first log-in.
 */
export async function loadSamlSpKey(
  files: { certFile: string; keyFile: string } | undefined,
): Promise<SpKeyPair | undefined> {
  if (!files) return undefined;
  let cert: string;
  let key: string;
  try {
    [cert, key] = await Promise.all([
      readFile(files.certFile, "utf8"),
      readFile(files.keyFile, "utf8"),
    ]);
  } catch (error) {
    throw new ConfigError(
      `Invalid configuration:\n  SAML_SP_CERT_FILE/SAML_SP_KEY_FILE: ${(error as Error).message}`,
    );
  }
  let matches = false;
  try {
    matches = new X509Certificate(cert).checkPrivateKey(createPrivateKey(key));
  } catch {
    matches = false;
  }
  if (!matches) {
    throw new ConfigError(
      "Invalid configuration:\n  SAML_SP_CERT_FILE and SAML_SP_KEY_FILE must be a PEM certificate and its own private key.",
    );
  }
  return { cert, key };
}

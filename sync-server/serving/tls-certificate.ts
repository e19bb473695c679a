import fs from "node:fs";
import type https from "node:https";
import tls from "node:tls";
import type { Logger } from "../logger.ts";

export type TlsFiles = { certFile: string; keyFile: string };
type Pem = { cert: Buffer; key: Buffer };

/** Reads the pair and checks the key matches the certificate (createSecureContext throws). */
export function readCertificate(files: TlsFiles): Pem {
  let pem: Pem;
  try {
    pem = { cert: fs.readFileSync(files.certFile), key: fs.readFileSync(files.keyFile) };
  } catch (error) {
    throw new Error(`Cannot read the TLS files: ${(error as Error).message}`);
  }
  try {
    tls.createSecureContext(pem);
  } catch (error) {
    throw new Error(
      `${files.certFile} and ${files.keyFile} are not a matching PEM certificate and key: ${(error as Error).message}`,
    );
  }
  return pem;
}

/**
 * Puts a renewed certificate into service without a restart. Polling (watchFile) and not
 * fs.watch: renewals replace the files by rename, which fs.watch loses track of. A half-done
 * renewal (new certificate, old key) is logged and skipped; the next change completes it.
 */
export function watchCertificate(
  server: https.Server,
  files: TlsFiles,
  logger: Logger,
  intervalMs = 2000,
): () => void {
  const reload = () => {
    try {
      server.setSecureContext(readCertificate(files));
      logger.info({ certFile: files.certFile }, "TLS certificate reloaded");
    } catch (error) {
      logger.warn({ err: error }, "TLS files changed but cannot be used yet; keeping the old pair");
    }
  };
  const options = { interval: intervalMs, persistent: false };
  fs.watchFile(files.certFile, options, reload);
  fs.watchFile(files.keyFile, options, reload);
  return () => {
    fs.unwatchFile(files.certFile, reload);
    fs.unwatchFile(files.keyFile, reload);
  };
}

import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

/** A real SMTP server on loopback that parses every mail it accepts (mailparser). */
export type SmtpReceiver = {
  port: number;
  url: string;
  mails: ParsedMail[];
  /** Stops listening (SMTP down); start() listens again on the same port. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Resolves once `count` mails arrived, or rejects after timeoutMs. */
  waitFor(count: number, timeoutMs?: number): Promise<ParsedMail[]>;
};

function listen(server: SMTPServer, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve((server.server.address() as AddressInfo).port);
    });
  });
}

export async function startSmtpReceiver(): Promise<SmtpReceiver> {
  const mails: ParsedMail[] = [];
  const make = () => {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      onData(stream, _session, callback) {
        simpleParser(stream)
          .then((mail) => {
            mails.push(mail);
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });
    server.on("error", () => {});
    return server;
  };
  let server = make();
  const port = await listen(server, 0);
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    mails,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
    async start() {
      server = make();
      await listen(server, port);
    },
    async waitFor(count, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (mails.length < count) {
        if (Date.now() > deadline)
          throw new Error(`expected ${count} mails, got ${mails.length} in ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return mails;
    },
  };
}

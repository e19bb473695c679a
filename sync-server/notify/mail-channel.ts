import nodemailer from "nodemailer";
import type { Logger } from "../logger.ts";

export type MailMessage = {
  to: string;
  subject: string;
  html: string;
  text: string;
  /** Made from the idempotency key: a resend after a crash carries the same Message-ID. */
  messageId: string;
  language: string;
};

/** Sends one mail; rejects when the SMTP server cannot be reached or refuses it. */
export type MailChannel = { send(message: MailMessage): Promise<void>; close(): void };

/**
 * The SMTP channel (SMTP_URL, MAIL_FROM), or undefined when SMTP_URL is unset: then the server
 * sends no mail and says so once in the log.
 */
export function createMailChannel(
  settings: { smtpUrl: string | undefined; mailFrom: string },
  logger: Logger,
): MailChannel | undefined {
  if (!settings.smtpUrl) {
    logger.info("mail channel off: SMTP_URL is not set, so no digest or alert mail is sent");
    return undefined;
  }
  const transport = nodemailer.createTransport({
    url: settings.smtpUrl,
    // A job is retried later; it must not hang on a dead server for minutes.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  // A connection that fails between sends must not become an unhandled 'error'.
  transport.on("error", (error: Error) => logger.warn({ err: error }, "SMTP transport error"));
  return {
    async send(message) {
      await transport.sendMail({
        from: settings.mailFrom,
        to: message.to,
        subject: message.subject,
        html: message.html,
        text: message.text,
        messageId: message.messageId,
        headers: { "Content-Language": message.language },
      });
    },
    close: () => transport.close(),
  };
}

import nodemailer from 'nodemailer';

/** A ready e-mail: the same content as HTML and as plain text. */
export interface MailMessage {
  to: readonly string[];
  subject: string;
  text: string;
  html: string;
}

/** What the mailer needs from a transport: nodemailer's `sendMail`, or a fake in tests. */
export interface MailTransport {
  sendMail(message: {
    from: string;
    to: string[];
    subject: string;
    text: string;
    html: string;
  }): Promise<{ messageId?: string }>;
  close?(): void;
}

export interface Mailer {
  /** Sends one message; rejects when the transport does (the caller decides about retries). */
  send(message: MailMessage): Promise<{ messageId?: string }>;
  close(): void;
}

/** Shared infrastructure: knows nothing about reports, only how to hand a message over. */
export function createMailer(options: { transport: MailTransport; from: string }): Mailer {
  return {
    async send(message) {
      if (message.to.length === 0) throw new Error('mailer: no recipients');
      return options.transport.sendMail({
        from: options.from,
        to: [...message.to],
        subject: message.subject,
        text: message.text,
        html: message.html,
      });
    },
    close() {
      options.transport.close?.();
    },
  };
}

/** An SMTP transport for `SMTP_URL`, e.g. `smtps://user:pass@smtp.example.ru:465`. */
export function createSmtpTransport(smtpUrl: string): MailTransport {
  return nodemailer.createTransport(smtpUrl);
}

/** SMTP mail through nodemailer, configured by SMTP_URL (e.g. smtp://user:pass@host:587) and MAIL_FROM. */
import nodemailer from 'nodemailer';
import type { Mailer } from './context.js';

export function createMailer(url: string | undefined, from = process.env.MAIL_FROM ?? 'complaints@localhost'): Mailer | null {
  if (!url) return null;
  const transport = nodemailer.createTransport(url);
  return {
    async send(msg) {
      await transport.sendMail({ from, to: msg.to, subject: msg.subject, text: msg.text, attachments: msg.attachments });
    },
  };
}

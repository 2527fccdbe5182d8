/**
 * The SMTP connection for summary emails (nodemailer): STARTTLS (required, so credentials never
 * cross in the clear), TLS from the first byte, or plain for a relay on localhost; the login read
 * from the environment variables hindsight.yaml names. A missing variable is one sentence
 * naming it, before anything is sent.
 */
import { readFileSync } from 'node:fs';
import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { InputError } from '../../queries/errors.ts';
import type { SmtpConfig } from '../config/email.ts';

export type Transport = Transporter<SMTPTransport.SentMessageInfo>;

export function createTransport(smtp: SmtpConfig, env: NodeJS.ProcessEnv = process.env): Transport {
  let auth: { user: string; pass: string } | undefined;
  if (smtp.user_env && smtp.pass_env) {
    const user = env[smtp.user_env];
    const pass = env[smtp.pass_env];
    const missing = [user ? null : smtp.user_env, pass ? null : smtp.pass_env].filter(Boolean);
    if (missing.length) throw new InputError(`hindsight.yaml: smtp names ${missing.join(' and ')} for the SMTP login, but ${missing.length > 1 ? 'they are' : 'it is'} not set in the environment.`);
    auth = { user: user!, pass: pass! };
  }
  let ca: Buffer | undefined;
  if (smtp.ca_file) {
    try {
      ca = readFileSync(smtp.ca_file);
    } catch (error) {
      throw new InputError(`hindsight.yaml: smtp.ca_file: ${smtp.ca_file} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`);
    }
  }
  const port = smtp.port ?? (smtp.secure === 'tls' ? 465 : smtp.secure === 'none' ? 25 : 587);
  return nodemailer.createTransport({
    host: smtp.host,
    port,
    secure: smtp.secure === 'tls',
    requireTLS: smtp.secure === 'starttls',
    ignoreTLS: smtp.secure === 'none',
    ...(auth ? { auth } : {}),
    ...(ca ? { tls: { ca } } : {}),
    // Bounded waits: a server that stops answering fails the attempt (and is retried) instead of
    // holding the schedule, and a stopping server, forever.
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  });
}

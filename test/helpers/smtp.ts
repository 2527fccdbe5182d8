/**
 * A real SMTP server on 127.0.0.1 (the smtp-server package) for the email tests, and the
 * messages it received, read back with mailparser. It can refuse chosen recipients, be
 * stopped and started again on the same port (an outage), and hold a message's data (a send in
 * progress) until told to go on.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface Received {
  envelope: { from: string; to: string[] };
  /** True when the message came over TLS (implicit or STARTTLS). */
  secure: boolean;
  raw: Buffer;
  mail: ParsedMail;
}

export interface TestSmtp {
  port: number;
  received: Received[];
  /** Recipients answered with 550 at RCPT TO. */
  refuse: Set<string>;
  /**
   * When set, a message's data is read but not answered until `release()`: a send in flight
   * (`holding` resolves when one is held). As in SMTP, a message counts as received only once
   * the server has answered 250; if the client is gone by the release, it is dropped.
   */
  hold: boolean;
  holding: Promise<void>;
  release(): void;
  /** Resolves once the client of the held message has disconnected (the server saw it close). */
  heldClientGone(): Promise<void>;
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
}

export interface SmtpOptions {
  /** TLS from the first byte (implicit TLS, port 465 style). */
  secure?: boolean;
  /** Key and certificate: with `secure` for TLS, else offered through STARTTLS. Without: plain only. */
  tls?: { key: Buffer; cert: Buffer };
}

export async function startSmtp(port = 0, options: SmtpOptions = {}): Promise<TestSmtp> {
  let server: SMTPServer;
  let held: (() => void) | null = null;
  let heldSession: string | null = null;
  let onHeldGone: () => void = () => {};
  let onHold: () => void = () => {};
  const state: TestSmtp = {
    port: 0,
    received: [],
    refuse: new Set(),
    hold: false,
    holding: Promise.resolve(),
    release: () => { held?.(); held = null; },
    heldClientGone: () => new Promise<void>((resolve) => {
      if (heldSession !== null && closed.has(heldSession)) resolve();
      else onHeldGone = resolve;
    }),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
    start: () => listen(state.port),
  };
  const closed = new Set<string>();
  const make = () => new SMTPServer({
    authOptional: true,
    secure: options.secure ?? false,
    ...(options.tls ?? {}),
    onClose(session) {
      closed.add(session.id);
      if (session.id === heldSession) onHeldGone();
    },
    disabledCommands: options.tls ? ['AUTH'] : ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (state.refuse.has(address.address)) return callback(Object.assign(new Error(`${address.address}: no such mailbox`), { responseCode: 550 }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const finish = async () => {
          const raw = Buffer.concat(chunks);
          state.received.push({
            secure: session.secure,
            envelope: { from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address) },
            raw,
            mail: await simpleParser(raw, { keepCidLinks: true }),
          });
          callback();
        };
        if (state.hold) {
          heldSession = session.id;
          held = () => (closed.has(session.id) ? callback(new Error('client gone')) : void finish());
          onHold();
        } else {
          void finish();
        }
      });
    },
  });
  const listen = (at: number) => new Promise<void>((resolve, reject) => {
    server = make();
    server.on('error', () => {}); // a client that vanishes mid-message is part of some tests
    server.listen(at, '127.0.0.1', () => {
      state.port = (server.server.address() as AddressInfo).port;
      resolve();
    });
    server.server.once('error', reject);
  });
  Object.defineProperty(state, 'holding', { get: () => new Promise<void>((resolve) => { onHold = resolve; }) });
  await listen(port);
  return state;
}

/** Width and height from a PNG's IHDR chunk (bytes 16–23), after checking the signature. */
export function pngSize(png: Buffer): { width: number; height: number } {
  if (png.subarray(0, 8).toString('hex') !== '89504e470d0a1a0a') throw new Error('not a PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

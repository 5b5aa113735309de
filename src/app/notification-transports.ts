/**
 * The outside channels a notification is delivered on. A transport sends one message to one
 * address and throws when it could not (the worker retries later). E-mail goes through
 * nodemailer over SMTP; WhatsApp through a gateway interface whose default writes each message
 * as one JSON line to a log file, and whose webhook transport POSTs {to, text, subject, link}
 * to a gateway of the city's choosing (WHATSAPP_TRANSPORT=webhook).
 */
import fs from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { NotificationConfig } from '../config';
import type { DeliveryChannel, Message } from '../domain/notifications/kinds';

export interface DeliveryTransport {
  send(address: string, message: Message): Promise<void>;
  close?(): void;
}

export type Transports = Record<DeliveryChannel, DeliveryTransport>;

/** E-mail over SMTP (nodemailer). Without SMTP_HOST it refuses, so deliveries wait for one. */
export function emailTransport(cfg: NotificationConfig): DeliveryTransport {
  const { smtp } = cfg;
  if (!smtp.host) {
    return {
      send: () => Promise.reject(new Error('SMTP_HOST belum diatur')),
    };
  }
  const mailer = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    auth: smtp.user ? { user: smtp.user, pass: smtp.pass ?? '' } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return {
    async send(address, m) {
      await mailer.sendMail({ from: smtp.from, to: address, subject: m.subject, text: `${m.text}\n\n${cfg.publicUrl}${m.link}\n\n— Dana RT Kota Semarang` });
    },
    close: () => mailer.close(),
  };
}

/** The WhatsApp gateway interface: one text to one +628… number. */
export interface WhatsAppGateway {
  send(to: string, text: string, m: Message): Promise<void>;
}

/** Default gateway: appends {at, to, text, link} as one JSON line to the log file (a real gateway replaces it by configuration). */
export function logGateway(file: string): WhatsAppGateway {
  return {
    async send(to, text, m) {
      await fs.promises.mkdir(path.dirname(file), { recursive: true });
      await fs.promises.appendFile(file, `${JSON.stringify({ at: new Date().toISOString(), to, text, link: m.link })}\n`, { mode: 0o600 });
    },
  };
}

/** A gateway over HTTP: POST JSON {to, text, subject, link} with `Authorization: Bearer <token>`; any non-2xx is a failure. */
export function webhookGateway(url: string, token: string | null): WhatsAppGateway {
  return {
    async send(to, text, m) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ to, text, subject: m.subject, link: m.link }),
        signal: AbortSignal.timeout(15_000),
      });
      if (!res.ok) throw new Error(`gateway WhatsApp menjawab ${res.status}`);
    },
  };
}

export function whatsappTransport(cfg: NotificationConfig, gateway?: WhatsAppGateway): DeliveryTransport {
  const g = gateway ?? (cfg.whatsapp.transport === 'webhook' && cfg.whatsapp.webhookUrl ? webhookGateway(cfg.whatsapp.webhookUrl, cfg.whatsapp.token) : logGateway(cfg.whatsapp.logPath));
  return { send: (to, m) => g.send(to, `*${m.subject}*\n${m.text}\n${cfg.publicUrl}${m.link}`, m) };
}

export const defaultTransports = (cfg: NotificationConfig): Transports => ({ email: emailTransport(cfg), whatsapp: whatsappTransport(cfg) });

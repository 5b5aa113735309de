/**
 * The complaint form's secrets, derived from the server's one secret (the checkpoint signing
 * key's file, outside the database: signing-key.ts) so no second key file is needed:
 * - the form stamp: the time a form was issued for one RT or RW, HMAC-signed, so a bot cannot
 *   forge an old form nor skip the minimum fill time;
 * - the address key: a keyed hash of the sender's address, so the per-address limits never
 *   store an address as it is (and a stolen database does not give it back).
 * A key rotation ends the forms open at that moment (they are sent again) and restarts the counts.
 */
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { loadOrCreateSigningKey, type SigningKey } from './signing-key';
import type { Services } from './services';
import type { StampSource } from '../domain/complaints/abuse';
import type { ComplaintTargetKind } from '../domain/complaints/complaint';

interface Keys {
  stamp: Buffer;
  address: Buffer;
}

const derived = new WeakMap<SigningKey, Keys>();
/** Keys of key files read here (the checkpoint code registers the key when it first signs; reading it here must not). */
const read = new Map<string, SigningKey>();

function keysOf(s: Services): Keys {
  const key = s.signing.key ?? read.get(s.signing.keyPath) ?? loadOrCreateSigningKey(s.signing.keyPath).key;
  if (!s.signing.key) read.set(s.signing.keyPath, key);
  let k = derived.get(key);
  if (!k) {
    const secret = key.privateKey.export({ type: 'pkcs8', format: 'der' });
    const derive = (info: string) => Buffer.from(hkdfSync('sha256', secret, 'dana-rt', info, 32));
    k = { stamp: derive('aduan-warga form stamp v1'), address: derive('aduan-warga address v1') };
    derived.set(key, k);
  }
  return k;
}

const mac = (key: Buffer, text: string) => createHmac('sha256', key).update(text).digest('base64url');
const stampText = (issuedAtMs: number, kind: ComplaintTargetKind, id: number, source: StampSource) =>
  source === 'page' ? `aduan:${kind}:${id}:${issuedAtMs}` : `aduan:${kind}:${id}:${issuedAtMs}:form`;

/**
 * A form stamp for one RT or RW, issued now: "<ms>.<hmac>" for a form inside a cached public page
 * (the format of the first stamps, so pages already kept stay valid), "<ms>.f.<hmac>" for a form
 * made for one visitor (the form page, a refused form sent back, the page script's fresh stamp).
 * The source is inside the signature: a page stamp cannot be passed off as a form stamp.
 */
export function formStamp(s: Services, target: { kind: ComplaintTargetKind; id: number }, source: StampSource = 'form'): string {
  const at = s.now().getTime();
  const mark = source === 'form' ? 'f.' : '';
  return `${at}.${mark}${mac(keysOf(s).stamp, stampText(at, target.kind, target.id, source))}`;
}

/** When and where a stamp was issued for this target, or null when it is not one of ours (forged, for another target, malformed). */
export function stampIssuedAt(s: Services, stamp: string, target: { kind: ComplaintTargetKind; id: number }): { at: number; source: StampSource } | null {
  const m = /^(\d{13})\.(f\.)?([A-Za-z0-9_-]{43})$/.exec(stamp);
  if (!m) return null;
  const at = Number(m[1]);
  const source: StampSource = m[2] ? 'form' : 'page';
  const want = Buffer.from(mac(keysOf(s).stamp, stampText(at, target.kind, target.id, source)));
  const got = Buffer.from(m[3]!);
  return got.length === want.length && timingSafeEqual(got, want) ? { at, source } : null;
}

/** The sender's address as the limits count it (never stored as it is). */
export const addressKeyOf = (s: Services, address: string) => mac(keysOf(s).address, `addr:${address}`);

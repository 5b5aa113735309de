/**
 * A user's contact for notifications: an Indonesian mobile number and an e-mail address, both
 * optional. Invariants: a phone is stored as +628…, whatever form it was typed in (08…, 628…,
 * +62 8…, with spaces or dashes); an e-mail is stored trimmed and lower-cased.
 */
import { fail } from '../errors';

/** 08xx-xxxx-xxxx: 8 then 8–11 more digits after the 0 (Indonesian mobile numbers are 10–13 digits). */
const MOBILE = /^(?:\+62|62|0)(8[1-9]\d{7,10})$/;
const EMAIL = /^[^\s@<>(),;:"[\]\\]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/;

/** The number as +628…, or throws phone_invalid. Empty → null. */
export function normalizePhone(raw: string): string | null {
  const compact = raw.replace(/[\s.-]/g, '');
  if (compact === '') return null;
  const m = MOBILE.exec(compact);
  if (!m) throw fail('phone_invalid', undefined, { phone: 'Nomor HP Indonesia: 08… atau +628…, 10–13 angka.' });
  return `+62${m[1]}`;
}

/** The address lower-cased, or throws email_invalid. Empty → null. */
export function normalizeEmail(raw: string): string | null {
  const e = raw.trim().toLowerCase();
  if (e === '') return null;
  if (e.length > 254 || !EMAIL.test(e)) throw fail('email_invalid', undefined, { email: 'Alamat e-mail tidak valid (contoh: nama@contoh.id).' });
  return e;
}

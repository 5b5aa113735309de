/** Password hashing with scrypt (memory-hard; N=2^15, r=8, p=1 ≈ 32 MiB per hash). */
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { fail } from '../domain/errors';

const scrypt = (password: string, salt: Buffer, keylen: number, opts: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scryptCb(password, salt, keylen, opts, (err, key) => (err ? reject(err) : resolve(key))),
  );

const PARAMS = { N: 32768, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEYLEN = 32;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password.normalize('NFC'), salt, KEYLEN, PARAMS);
  return `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, saltB64, keyB64] = stored.split('$');
  if (scheme !== 'scrypt' || !saltB64 || !keyB64) return false;
  const expected = Buffer.from(keyB64, 'base64');
  const key = await scrypt(password.normalize('NFC'), Buffer.from(saltB64, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: PARAMS.maxmem,
  });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A hash of nothing, verified against for unknown users so both paths take as long. */
let dummyHash: Promise<string> | undefined;
export const dummyPasswordHash = () => (dummyHash ??= hashPassword(randomBytes(16).toString('hex')));

export const MIN_PASSWORD_LENGTH = 10;

/** `field` names the form field the message belongs beside. */
export function checkNewPassword(password: string, username: string, field = 'newPassword'): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw fail('password_too_short', { min: MIN_PASSWORD_LENGTH }, {
      [field]: `Minimal ${MIN_PASSWORD_LENGTH} karakter.`,
    });
  }
  if (password.length > 200) {
    throw fail('password_too_long', undefined, { [field]: 'Maksimal 200 karakter.' });
  }
  if (password.toLowerCase().includes(username.toLowerCase())) {
    throw fail('password_contains_username', undefined, {
      [field]: 'Jangan memakai nama pengguna di dalam kata sandi.',
    });
  }
}

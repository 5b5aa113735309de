/**
 * The server's Ed25519 signing key: a PEM file outside the database (mode 0600), created at the
 * first start when absent. Its public half is kept in signing_keys (see checkpoints.ts).
 *
 * Invariants:
 * - the private key never enters the database, a page or a log;
 * - a key file others can read or write (any group/other permission bit) is refused with the
 *   command that fixes it, never used quietly;
 * - a new key file is written whole (a side file renamed into place), with mode 0600 from its creation.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { keyIdOf } from '../domain/ledger/checkpoint';

export interface SigningKey {
  privateKey: KeyObject;
  publicKeyPem: string;
  keyId: string;
}

/** A key file that cannot be used: the message says what to do. */
export class SigningKeyError extends Error {
  override name = 'SigningKeyError';
}

function fromPrivate(privateKey: KeyObject): SigningKey {
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new SigningKeyError(`bukan kunci Ed25519 (${privateKey.asymmetricKeyType ?? 'tidak dikenal'})`);
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), keyId: keyIdOf(publicKey) };
}

/** Reads the key file; refuses one whose permissions let others read it, or that is not an Ed25519 private key. */
export function readSigningKey(file: string): SigningKey {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (e) {
    throw new SigningKeyError(`Berkas kunci tanda tangan ${file} tidak dapat dibaca: ${(e as Error).message}`);
  }
  const loose = stat.mode & 0o077;
  if (loose !== 0) {
    throw new SigningKeyError(
      `Berkas kunci tanda tangan ${file} terbuka untuk pengguna lain (mode ${(stat.mode & 0o777).toString(8).padStart(4, '0')}); ` +
        `kunci privat hanya boleh dibaca pemiliknya: jalankan \`chmod 600 ${file}\` lalu mulai lagi.`,
    );
  }
  let pem: string;
  try {
    pem = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new SigningKeyError(`Berkas kunci tanda tangan ${file} tidak dapat dibaca: ${(e as Error).message}`);
  }
  try {
    return fromPrivate(createPrivateKey(pem));
  } catch (e) {
    throw new SigningKeyError(`Berkas kunci tanda tangan ${file} bukan kunci privat Ed25519 yang sah: ${(e as Error).message}`);
  }
}

/** Makes a new key pair and writes its private key to `file` (mode 0600, replacing any earlier file whole). */
export function writeNewSigningKey(file: string): SigningKey {
  const { privateKey } = generateKeyPairSync('ed25519');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const side = `${file}.${process.pid}.new`;
  const fd = fs.openSync(side, 'wx', 0o600);
  try {
    fs.writeSync(fd, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(side, file);
  return fromPrivate(privateKey);
}

/** The key in `file`, or a new one written there when there is no file yet. */
export function loadOrCreateSigningKey(file: string): { key: SigningKey; created: boolean } {
  if (!fs.existsSync(file)) return { key: writeNewSigningKey(file), created: true };
  return { key: readSigningKey(file), created: false };
}

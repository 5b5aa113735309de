/**
 * npm run user:create-admin -- USERNAME "Nama Lengkap"
 * Creates the first admin of a production install. The password is read from the
 * ADMIN_PASSWORD environment variable or generated and printed once.
 */
import { randomBytes } from 'node:crypto';
import { bootstrap } from '../src/app/bootstrap';
import { createUser } from '../src/app/manage-users';
import { systemActor } from '../src/domain/access';
import { isDomainError } from '../src/domain/errors';
import { loadConfig } from '../src/config';

const [username, displayName] = process.argv.slice(2);
if (!username) {
  console.error('Pemakaian: npm run user:create-admin -- USERNAME "Nama Lengkap"');
  process.exit(2);
}
const password = process.env.ADMIN_PASSWORD ?? randomBytes(12).toString('base64url');
const s = bootstrap(loadConfig());
try {
  await createUser(s, systemActor('cli:create-admin'), {
    username,
    displayName: displayName ?? username,
    role: 'admin',
    kelurahanCode: null,
    rtId: null,
    kecamatanCodes: null,
    password,
    mustChangePassword: !process.env.ADMIN_PASSWORD,
  });
  console.log(`Admin ${username} dibuat.`);
  if (!process.env.ADMIN_PASSWORD) console.log(`Kata sandi sementara (ganti saat masuk pertama): ${password}`);
} catch (e) {
  if (!isDomainError(e)) throw e;
  console.error(`Gagal: ${e.message} ${Object.values(e.fields).join(' ')}`);
  process.exitCode = 1;
} finally {
  s.db.close();
}

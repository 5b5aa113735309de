/**
 * npm run key:rotate — a new Ed25519 key pair for the signed checkpoints: the private key file
 * (SIGNING_KEY_PATH, default beside the database) is replaced, the old public key stays in
 * signing_keys (retired, so its checkpoints still verify), an audit row is written and a first
 * checkpoint is signed with the new key. Run it with the server stopped (the server reads the key once).
 */
import { rotateSigningKey } from '../src/app/checkpoints';
import { bootstrap } from '../src/app/bootstrap';
import { systemActor } from '../src/domain/access';
import { shortCheckpoint } from '../src/domain/ledger/checkpoint';
import { loadConfig } from '../src/config';

const cfg = loadConfig();
const s = bootstrap(cfg);
try {
  const r = rotateSigningKey(s, systemActor('cli:key-rotate'));
  console.log(`Kunci baru ${r.key.keyId} ditulis ke ${cfg.signingKeyPath} (mode 0600).`);
  console.log(r.old ? `Kunci lama ${r.old.keyId} dipensiunkan; kunci publiknya tetap disimpan.` : 'Belum ada kunci sebelumnya.');
  console.log(`Titik periksa #${r.checkpoint.seq} ditandatangani dengan kunci baru: ${shortCheckpoint(r.checkpoint)}`);
  console.log('Mulai ulang server agar memakai kunci baru.');
} catch (e) {
  console.error(`Rotasi kunci gagal: ${(e as Error).message}`);
  process.exitCode = 1;
} finally {
  s.db.close();
}

/**
 * npm run restore -- DIR [--force] — brings a backup back into DATABASE_PATH and EVIDENCE_DIR
 * after checking every file against its MANIFEST and the database copy with verify. An
 * existing database is replaced only with --force (stop the server first); it is moved aside.
 */
import { parseArgs } from 'node:util';
import { restoreFrom, RestoreRefused } from '../src/app/restore';
import { loadConfig } from '../src/config';

const { values, positionals } = parseArgs({ options: { force: { type: 'boolean' } }, allowPositionals: true });
const dir = positionals[0];
if (!dir || positionals.length > 1) {
  console.error('Pemakaian: npm run restore -- FOLDER [--force]');
  process.exit(2);
}
const cfg = loadConfig();
try {
  const r = restoreFrom(dir, cfg, { force: values.force });
  console.log(
    `Dipulihkan ke ${r.databasePath}: ${r.entries} jurnal, kepala rantai ${r.chainHead} (terverifikasi); ` +
      `${r.evidenceFiles} berkas bukti di ${r.evidenceDir} (${r.evidenceCopied} disalin)` +
      `${r.movedAside ? `; basis data lama dipindahkan ke ${r.movedAside}` : ''} (${r.ms} ms)`,
  );
} catch (e) {
  console.error(`DITOLAK: ${(e as Error).message}`);
  if (e instanceof RestoreRefused) for (const p of e.problems.slice(0, 20)) console.error(`- ${p}`);
  process.exit(1);
}

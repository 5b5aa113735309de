/**
 * npm run backup -- DIR — a consistent copy of the database (SQLite's online backup API; the
 * server may keep running and writing) and of the evidence files it refers to, with a MANIFEST.
 */
import { backupTo } from '../src/app/backup';
import { loadConfig } from '../src/config';

const dir = process.argv[2];
if (!dir || dir.startsWith('-')) {
  console.error('Pemakaian: npm run backup -- FOLDER   (folder baru atau kosong; DATABASE_PATH dan EVIDENCE_DIR seperti server)');
  process.exit(2);
}
const cfg = loadConfig();
try {
  const r = await backupTo(cfg, dir);
  const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
  console.log(
    `Cadangan di ${r.dir}: basis data ${mb(r.databaseBytes)} MB (${r.entries} jurnal, kepala rantai ${r.chainHead}), ` +
      `${r.evidenceFiles} berkas bukti (${mb(r.evidenceBytes)} MB); salinan basis data ${r.snapshotMs} ms, seluruhnya ${r.totalMs} ms`,
  );
  if (r.badFiles) {
    console.error(`PERINGATAN: ${r.badFiles} berkas bukti tidak ikut dicadangkan (jalankan npm run verify)${r.badFiles > r.problems.length ? `; ${r.problems.length} yang pertama:` : ':'}`);
    for (const p of r.problems) console.error(`- ${p}`);
    process.exit(1);
  }
} catch (e) {
  console.error(`GAGAL: ${(e as Error).message}`);
  process.exit(1);
}

/**
 * npm run backup -- DIR — a consistent copy of the database (SQLite's online backup API; the
 * server may keep running and writing) and of the evidence files it refers to, with a MANIFEST.
 * npm run backup -- --into PARENT [--keep N] — the daily form (deploy/dana-rt-backup.timer): a
 * new dated folder under PARENT, then only the newest N complete backups kept (BACKUP_KEEP, 14).
 */
import { backupTo, type BackupReport } from '../src/app/backup';
import { rotatedBackup } from '../src/app/backup-rotation';
import { loadConfig } from '../src/config';

const USAGE =
  'Pemakaian: npm run backup -- FOLDER   (folder baru atau kosong)\n' +
  '       atau npm run backup -- --into FOLDER_INDUK [--keep N]   (cadangan harian bertanggal; N terbaru disimpan, bawaan BACKUP_KEEP atau 14)\n' +
  'DATABASE_PATH dan EVIDENCE_DIR seperti server.';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i === -1 ? undefined : args[i + 1];
};
const into = flag('--into');
const keepText = flag('--keep') ?? process.env.BACKUP_KEEP ?? '14';
const keep = Number(keepText);
if ((!into && (!args[0] || args[0].startsWith('-'))) || (into !== undefined && (into.startsWith('-') || !Number.isInteger(keep) || keep < 1))) {
  console.error(USAGE);
  process.exit(2);
}
const cfg = loadConfig();
const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
const describe = (r: BackupReport) =>
  `Cadangan di ${r.dir}: basis data ${mb(r.databaseBytes)} MB (${r.entries} jurnal, kepala rantai ${r.chainHead}), ` +
  `${r.evidenceFiles} berkas bukti (${mb(r.evidenceBytes)} MB); salinan basis data ${r.snapshotMs} ms, seluruhnya ${r.totalMs} ms`;
try {
  let r: BackupReport;
  if (into) {
    const out = await rotatedBackup(cfg, into, keep);
    r = out.report;
    console.log(describe(r));
    console.log(out.removed.length ? `Cadangan lama dihapus (disimpan ${keep} terbaru): ${out.removed.join(', ')}` : `Tidak ada cadangan lama yang dihapus (disimpan ${keep} terbaru).`);
  } else {
    r = await backupTo(cfg, args[0]!);
    console.log(describe(r));
  }
  if (r.badFiles) {
    console.error(`PERINGATAN: ${r.badFiles} berkas bukti tidak ikut dicadangkan (jalankan npm run verify)${r.badFiles > r.problems.length ? `; ${r.problems.length} yang pertama:` : ':'}`);
    for (const p of r.problems) console.error(`- ${p}`);
    process.exit(1);
  }
} catch (e) {
  console.error(`GAGAL: ${(e as Error).message}`);
  process.exit(1);
}

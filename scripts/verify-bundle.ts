/**
 * npm run verify-bundle -- FILE.zip [--public-key KUNCI.pem]… [--anchor JANGKAR]… [--problems FILE]
 * Checks an auditor's bundle offline. Says OK, or counts its problems per kind and writes every
 * one of them to FILE.zip.masalah.txt (or --problems), exiting 1. Either way, a "Catatan:" line
 * names each check the bundle's format version does not carry (an older bundle).
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { KINDS, verifyBundleFile, type ProblemKind } from '../src/app/verify-bundle';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { 'public-key': { type: 'string', multiple: true }, anchor: { type: 'string', multiple: true }, problems: { type: 'string' } },
});
const file = positionals[0];
if (!file || positionals.length > 1) {
  console.error('Pemakaian: npm run verify-bundle -- FILE.zip [--public-key KUNCI.pem] [--anchor JANGKAR] [--problems BERKAS]');
  process.exit(2);
}
if (!fs.existsSync(file)) {
  console.error(`RUSAK: ${file} tidak ada`);
  process.exit(2);
}
const publicKeys = values['public-key']?.map((f) => fs.readFileSync(f, 'utf8')) ?? null;
const r = await verifyBundleFile(file, { publicKeys, anchors: values.anchor ?? [] });
const signatures =
  r.signaturesAgainst === 'given'
    ? `tanda tangan ${r.checkpoints} titik periksa sah menurut kunci publik yang Anda berikan`
    : `tanda tangan ${r.checkpoints} titik periksa cocok dengan kunci-publik.pem DI DALAM bundel — ini tidak membuktikan apa pun tentang pemilik server; periksa dengan --public-key (unduh dari /publik/kunci-publik.pem) atau --anchor`;
if (r.ok) {
  console.log(
    `OK: ${r.files} berkas sesuai MANIFEST, ${r.entries} jurnal seimbang dan hash-nya cocok, ${r.links} mata rantai tanpa celah, ${r.postings} posting, saldo, kuitansi, ${r.evidence} berkas bukti dan ${r.auditRows} baris log audit cocok; kepala rantai ${r.chainHead} pada jurnal #${r.entryCount}`,
  );
  console.log(`${signatures}.`);
  if ((values.anchor?.length ?? 0) > 0) console.log(`${r.anchorsMatched} jangkar cocok dengan rantai di bundel.`);
  for (const n of r.notes) console.log(`Catatan: ${n}`);
} else {
  const out = values.problems ?? `${file}.masalah.txt`;
  fs.writeFileSync(out, `${r.problems.map((p) => `[${p.kind}] ${p.text}`).join('\n')}\n`);
  const counts = new Map<ProblemKind, number>();
  for (const p of r.problems) counts.set(p.kind, (counts.get(p.kind) ?? 0) + 1);
  console.error(`RUSAK: ${r.problems.length} masalah`);
  for (const [kind, n] of counts) console.error(`  ${KINDS[kind]}: ${n}`);
  for (const p of r.problems.slice(0, 20)) console.error(`- ${p.text}`);
  if (r.problems.length > 20) console.error(`… dan ${r.problems.length - 20} lagi`);
  console.error(`Daftar lengkap: ${out}`);
  for (const n of r.notes) console.error(`Catatan: ${n}`);
  process.exit(1);
}

/** npm run verify-bundle -- FILE.zip — checks an auditor's bundle offline and says what is wrong, if anything. */
import { readZip, verifyBundleFiles } from '../src/app/verify-bundle';

const file = process.argv[2];
if (!file) {
  console.error('Pemakaian: npm run verify-bundle -- FILE.zip');
  process.exit(2);
}
const r = verifyBundleFiles(await readZip(file));
if (r.ok) {
  console.log(`OK: ${r.files} berkas sesuai MANIFEST, ${r.entries} jurnal seimbang dan hash-nya cocok, ${r.postings} posting, saldo cocok; kepala rantai saat ekspor ${r.chainHead}`);
} else {
  console.error(`RUSAK: ${r.problems.length} masalah`);
  for (const p of r.problems.slice(0, 50)) console.error(`- ${p}`);
  process.exit(1);
}

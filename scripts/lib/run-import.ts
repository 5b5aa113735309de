/** Shared CLI wrapper of the registry imports: all or nothing, every bad row reported. */
import fs from 'node:fs';
import { bootstrap } from '../../src/app/bootstrap';
import type { ImportResult } from '../../src/app/import-registry';
import type { Services } from '../../src/app/services';
import { systemActor, type Actor } from '../../src/domain/access';
import { loadConfig } from '../../src/config';

export function runImport(name: string, importer: (s: Services, actor: Actor, text: string) => ImportResult): void {
  const file = process.argv[2];
  if (!file) {
    console.error(`Pemakaian: npm run ${name} -- FILE.csv`);
    process.exit(2);
  }
  const text = fs.readFileSync(file, 'utf8');
  const s = bootstrap(loadConfig());
  const r = importer(s, systemActor(`cli:${name}`), text);
  s.db.close();
  if (!r.ok) {
    console.error(`Tidak ada yang diimpor: ${r.errors.length} baris bermasalah.`);
    for (const e of r.errors) console.error(`  baris ${e.line}: ${e.message}`);
    process.exit(1);
  }
  console.log(`${r.rows} baris: ${r.inserted} baru, ${r.updated} diubah, ${r.unchanged} tetap.`);
}

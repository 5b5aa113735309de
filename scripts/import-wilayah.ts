/** npm run import:wilayah -- FILE.csv (kecamatan_code,kecamatan,kelurahan_code,kelurahan) */
import { runImport } from './lib/run-import';
import { importWilayah } from '../src/app/import-registry';

runImport('import:wilayah', importWilayah);

/** npm run import:rt -- FILE.csv (kelurahan_code,rw,rt,chair_name,bank_account) */
import { runImport } from './lib/run-import';
import { importRts } from '../src/app/import-registry';

runImport('import:rt', importRts);

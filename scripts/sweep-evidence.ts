/** npm run evidence:sweep — removes stored files that no committed receipt or plan refers to (older than an hour). */
import { bootstrap } from '../src/app/bootstrap';
import { sweepEvidence } from '../src/app/upload-evidence';
import { loadConfig } from '../src/config';

const s = bootstrap(loadConfig());
const removed = await sweepEvidence(s);
s.db.close();
console.log(`${removed} berkas yatim dihapus dari ${s.evidence.dir}`);

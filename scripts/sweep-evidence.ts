/**
 * npm run evidence:sweep — removes stored files that no committed receipt or plan refers to (older
 * than an hour). Run it with the server stopped: the server sweeps hourly by itself, and only its
 * own sweep is kept from interleaving with an upload that stores the same file again.
 */
import { bootstrap } from '../src/app/bootstrap';
import { sweepEvidence } from '../src/app/upload-evidence';
import { loadConfig } from '../src/config';

const s = bootstrap(loadConfig());
const removed = await sweepEvidence(s);
s.db.close();
console.log(`${removed} berkas yatim dihapus dari ${s.evidence.dir}`);

/**
 * npm run risk:refresh — recomputes every grantee's risk flags (every open year), the early-warning
 * desk's full pass; then says how long it took. Safe while the server runs (batches of 500 in
 * their own transactions; a grantee written meanwhile is marked dirty again by the triggers).
 */
import { bootstrap } from '../src/app/bootstrap';
import { refreshAll } from '../src/app/risk-refresh';
import { loadConfig } from '../src/config';

const s = bootstrap(loadConfig());
const t0 = Date.now();
const r = refreshAll(s, { onProgress: (done, waiting) => process.stdout.write(`\r${done} penerima dihitung, ${waiting} menunggu   `) });
console.log(`\nSelesai: ${r.refreshed} penerima dihitung ulang dalam ${Date.now() - t0} ms.`);
s.db.close();

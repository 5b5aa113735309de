/**
 * The HTTP anchor of the benchmark: a bare Express 5 + Handlebars page with a 50-row table,
 * no database, no session, on the same machine. Started as its own process by the benchmark.
 */
import express from 'express';
import { engine } from 'express-handlebars';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dana-rt-bare-'));
fs.writeFileSync(
  path.join(dir, 'table.hbs'),
  `<!doctype html><html lang="id"><head><meta charset="utf-8"><title>{{title}}</title></head><body><h1>{{title}}</h1>
<table><thead><tr><th>No</th><th>Uraian</th><th>Jumlah</th></tr></thead><tbody>
{{#each rows}}<tr><td>{{no}}</td><td>{{name}}</td><td>{{amount}}</td></tr>{{/each}}
</tbody></table></body></html>`,
);
const rows = Array.from({ length: 50 }, (_, i) => ({ no: i + 1, name: `Baris ${i + 1} kebutuhan RT`, amount: `Rp${((i + 1) * 12_500).toLocaleString('id-ID')}` }));
const app = express();
app.engine('hbs', engine({ extname: '.hbs', defaultLayout: false }));
app.set('view engine', 'hbs');
app.set('views', dir);
app.enable('view cache');
app.get('/', (_req, res) => res.render('table', { title: 'Tabel 50 baris', rows }));
const server = app.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const addr = server.address();
  console.log(`listening ${typeof addr === 'object' && addr ? addr.port : ''}`);
});

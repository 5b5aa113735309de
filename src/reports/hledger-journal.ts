/**
 * The ledger as a plain-text journal that hledger (and ledger-cli) read: one transaction per
 * entry, amounts in whole rupiah with the commodity IDR, and the entry's id, business event,
 * actor and hash as tags, so an auditor can check it without our database.
 *
 * Invariants: `hledger -f FILE bal` prints exactly the app's trial balance for the same scope;
 * descriptions never break the format (no newlines, no `;` comment starts, no `|`).
 */
import type { PostedEntry } from '../domain/ledger/entry';

const clean = (t: string) => t.replace(/[\r\n\t]+/g, ' ').replace(/[;|]/g, ',').trim();
const tag = (t: string) => t.replace(/[,\r\n]/g, ' ').trim();

export function journalHeader(o: { year: number; scope: string; generatedAt: string; chainHead: string }): string {
  return [
    `; Dana RT — jurnal umum tahun program ${o.year}, cakupan: ${o.scope}`,
    `; dibuat ${o.generatedAt}; kepala rantai hash saat ekspor: ${o.chainHead}`,
    '; jumlah dalam rupiah utuh (IDR); setiap transaksi membawa tag id, event, ref, actor, hash, prev',
    '',
    'commodity IDR',
    'account aset      ; type: A',
    'account beban     ; type: X',
    'account ekuitas   ; type: E',
    '',
  ].join('\n');
}

export function journalEntry(e: PostedEntry): string {
  const tags = [`id:${e.id}`, `event:${e.eventType}`, `ref:${tag(e.eventRef)}`, `actor:${tag(e.actor)}`, `hash:${e.hash}`, `prev:${e.prevHash}`];
  if (e.reversesEntryId) tags.push(`reverses:${e.reversesEntryId}`);
  const width = Math.max(...e.postings.map((p) => p.account.length)) + 4;
  const lines = [`${e.occurredOn} * ${clean(e.description)}  ; ${tags.join(', ')}`];
  if (e.reason) lines.push(`    ; alasan: ${clean(e.reason)}`);
  for (const p of e.postings) lines.push(`    ${p.account.padEnd(width)}${String(p.amount).padStart(16)} IDR`);
  return `${lines.join('\n')}\n\n`;
}

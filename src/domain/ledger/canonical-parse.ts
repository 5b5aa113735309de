/**
 * The inverse of canonical() (hash-chain.ts): an entry back from the exact text its hash covers,
 * as journal.jsonl in an audit bundle holds it. Whoever reads that text gets the entry with
 * nothing else; canonical(entryFromCanonical(t)) === t holds for every text canonical() wrote,
 * and a text it did not write (reordered keys, spaces, other types) is refused or gives another text.
 */
import type { EntryFacts } from './entry-facts';
import type { EventType } from './entry';
import type { HashableEntry } from './hash-chain';

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);
const isStr = (v: unknown): v is string => typeof v === 'string';

/** The entry a canonical line holds, or the reason it is none (Indonesian). */
export function entryFromCanonical(line: string): { entry: HashableEntry } | { problem: string } {
  let a: unknown;
  try {
    a = JSON.parse(line);
  } catch {
    return { problem: 'bukan JSON' };
  }
  if (!Array.isArray(a)) return { problem: 'bukan larik JSON' };
  const version = a[0];
  if (version !== 1 && version !== 2) return { problem: `versi ${JSON.stringify(version)} tidak dikenal` };
  if (a.length !== (version === 1 ? 13 : 14)) return { problem: `jumlah unsur ${a.length}, seharusnya ${version === 1 ? 13 : 14}` };
  const [, id, year, eventType, eventRef, description, actor, occurredOn, recordedAt, idempotencyKey, reversesEntryId, reason, postings, facts] = a as unknown[];
  if (!isInt(id) || !isInt(year)) return { problem: 'id atau tahun bukan bilangan bulat' };
  if (![eventType, eventRef, description, actor, occurredOn, recordedAt, idempotencyKey].every(isStr)) return { problem: 'kolom teks tidak berupa teks' };
  if (reversesEntryId !== null && !isInt(reversesEntryId)) return { problem: 'reverses_entry_id tidak sah' };
  if (reason !== null && !isStr(reason)) return { problem: 'alasan tidak sah' };
  if (!Array.isArray(postings) || !postings.every((p) => Array.isArray(p) && p.length === 2 && isStr(p[0]) && isInt(p[1]))) return { problem: 'baris posting tidak sah' };
  if (version === 2 && facts !== null && (typeof facts !== 'object' || Array.isArray(facts))) return { problem: 'facts bukan objek' };
  return {
    entry: {
      id,
      year,
      eventType: eventType as EventType,
      eventRef: eventRef as string,
      description: description as string,
      actor: actor as string,
      occurredOn: occurredOn as string,
      recordedAt: recordedAt as string,
      idempotencyKey: idempotencyKey as string,
      reversesEntryId: reversesEntryId as number | null,
      reason: reason as string | null,
      postings: (postings as Array<[string, number]>).map(([account, amount]) => ({ account, amount })),
      version,
      facts: version === 2 ? ((facts ?? null) as EntryFacts | null) : null,
    },
  };
}

/**
 * The kinds of items that wait for a kelurahan treasurer, by the word the queue's filter
 * (/antrian?jenis=…) and its pages use, with their labels.
 *
 * Invariants: one word per kind, lower case, stable (links and bookmarks carry it).
 */
export const QUEUE_KINDS = { kuitansi: 'Kuitansi', spj: 'SPJ', rap: 'Rencana (RAP)', pencairan: 'Pencairan' } as const;
export type QueueKind = keyof typeof QUEUE_KINDS;
export const QUEUE_KIND_CODES = Object.keys(QUEUE_KINDS) as [QueueKind, ...QueueKind[]];

/** What verify-bundle reports: each problem with its kind, counted per kind on screen. */
/** Kinds of problem, each counted on screen (Indonesian labels). */
export const KINDS = {
  berkas: 'berkas dan MANIFEST',
  duplikat: 'duplikat',
  rantai: 'rantai hash',
  jurnal: 'isi journal.jsonl',
  'titik-periksa': 'titik periksa dan tanda tangan',
  jangkar: 'jangkar (--anchor)',
  salinan: 'salinan CSV dan jurnal hledger',
  saldo: 'saldo dan ringkasan RT',
  kuitansi: 'kuitansi',
  bukti: 'berkas bukti',
  catatan: 'catatan usaha (rencana, pencairan, berkas bank)',
} as const;
export type ProblemKind = keyof typeof KINDS;

export interface Problem {
  kind: ProblemKind;
  text: string;
}

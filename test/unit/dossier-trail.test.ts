/**
 * The dossier against its audit trail, and the offices' numbers against their sequence: the
 * insider with the database file (or the bundle) tries each edit; each is named. The same two
 * functions run in `npm run verify` and in verify-bundle.
 */
import { describe, expect, it } from 'vitest';
import { dossierTrailProblems, trailAuditOf, type TrailAudit, type TrailDocument, type TrailPlan } from '../../src/domain/grants/dossier-trail';
import { documentNumber, documentNumberProblems, type IssuedNumberFacts } from '../../src/domain/documents/document-number';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const C = 'c'.repeat(64);
const BA = 'd'.repeat(64);

const plans: TrailPlan[] = [
  { id: 1, rtId: 7, beritaAcaraSha256: BA },
  // A revision of plan 1: its files copied, without audit rows of its own.
  { id: 2, rtId: 7, beritaAcaraSha256: BA },
];
const add = (auditId: number, planId: number, kind: string, sha: string, replaced?: string): TrailAudit => ({
  auditId,
  action: replaced ? 'plan.document.replace' : 'plan.document.add',
  planId,
  before: replaced ? { kind, sha256: replaced } : null,
  after: { kind, sha256: sha },
});
const audits: TrailAudit[] = [add(10, 1, 'sptjm', A), add(11, 1, 'foto_rapat', B), add(12, 1, 'sptjm', C, A), add(13, 1, 'berita_acara', BA)];
const docs: TrailDocument[] = [
  { planId: 1, kind: 'sptjm', sha256: A, withdrawn: true },
  { planId: 1, kind: 'foto_rapat', sha256: B, withdrawn: false },
  { planId: 1, kind: 'sptjm', sha256: C, withdrawn: false },
  { planId: 2, kind: 'foto_rapat', sha256: B, withdrawn: false },
  { planId: 2, kind: 'sptjm', sha256: C, withdrawn: false },
];

describe('dossier against its audit trail', () => {
  it('an honest dossier (with a replaced file and a revision\'s copies) has no problem', () => {
    expect(dossierTrailProblems(plans, docs, audits)).toEqual([]);
  });

  it.each<[string, () => [TrailPlan[], TrailDocument[], TrailAudit[]], RegExp]>([
    ['a file swapped for another', () => [plans, docs.map((d, i) => (i === 1 ? { ...d, sha256: 'e'.repeat(64) } : d)), audits], /RAP #1: berkas foto_rapat eeeeeeeeeeee… tidak pernah diunggah/],
    ['a row inserted', () => [plans, [...docs, { planId: 1, kind: 'daftar_hadir', sha256: 'f'.repeat(64), withdrawn: false }], audits], /RAP #1: berkas daftar_hadir f{12}… tidak pernah diunggah/],
    ['an uploaded file deleted', () => [plans, docs.filter((_d, i) => i !== 1), audits], /RAP #1: log audit #11 mencatat unggahan foto_rapat b{12}…, tetapi berkas itu tidak ada/],
    ['a replaced file brought back in force', () => [plans, docs.map((d, i) => (i === 0 ? { ...d, withdrawn: false } : d)), audits], /RAP #1: berkas sptjm a{12}… masih berlaku, padahal log audit #12/],
    ['a berita acara swapped in the plan row', () => [[{ ...plans[0]!, beritaAcaraSha256: A }, plans[1]!], docs, audits], /RAP #1: berita acara a{12}… bukan yang terakhir diunggah menurut log audit #13/],
    ['a file of another RT\'s upload', () => [[...plans, { id: 3, rtId: 8, beritaAcaraSha256: null }], [...docs, { planId: 3, kind: 'foto_rapat', sha256: B, withdrawn: false }], audits], /RAP #3: berkas foto_rapat b{12}… tidak pernah diunggah/],
  ])('%s: named', (_what, make, message) => {
    const problems = dossierTrailProblems(...make());
    expect(problems.join('\n')).toMatch(message);
  });

  it('reads an audit row\'s summary, and only the dossier\'s actions', () => {
    expect(trailAuditOf({ id: 5, action: 'plan.document.add', targetId: '9', summary: JSON.stringify({ before: null, after: { kind: 'sptjm', sha256: A } }) })).toEqual({ auditId: 5, action: 'plan.document.add', planId: 9, before: null, after: { kind: 'sptjm', sha256: A } });
    expect(trailAuditOf({ id: 5, action: 'plan.submit', targetId: '9', summary: '{}' })).toBeNull();
    expect(trailAuditOf({ id: 5, action: 'plan.document.add', targetId: '9', summary: 'not json' })).toBeNull();
  });
});

describe('document numbers against their sequence', () => {
  const issued = (seq: number, at: string, key = `spj:${seq}`): IssuedNumberFacts => ({
    kelurahanCode: '3374050005', kind: 'SPJ', year: 2026, seq, docKey: key, issuedAt: at,
    number: documentNumber({ seq, kind: 'SPJ', unit: 'RT001-RW001', office: 'PLB', issuedOn: at.slice(0, 10) }),
  });
  const day = (iso: string) => iso.slice(0, 10);
  const honest = [issued(1, '2026-09-02T01:00:00Z'), issued(2, '2026-10-03T01:00:00Z'), issued(3, '2026-11-04T01:00:00Z')];

  it('an honest sequence has no problem', () => expect(documentNumberProblems(honest, day)).toEqual([]));

  it('an RW grantee\'s numbers (unit RW001) and the older RT000-RW001 form both read as honest', () => {
    const rw = (seq: number, unit: string): IssuedNumberFacts => ({
      kelurahanCode: '3374050005', kind: 'BKU', year: 2026, seq, docKey: `bku:rw:${seq}`, issuedAt: '2026-12-06T01:00:00Z',
      number: documentNumber({ seq, kind: 'BKU', unit, office: 'PLB', issuedOn: '2026-12-06' }),
    });
    expect(documentNumberProblems([rw(1, 'RT000-RW001'), rw(2, 'RW001')], day)).toEqual([]);
  });

  it.each<[string, IssuedNumberFacts[], RegExp]>([
    ['a number deleted', [honest[0]!, honest[2]!], /nomor urut 2 tidak ada/],
    ['a number used twice', [...honest, { ...issued(2, '2026-11-05T01:00:00Z', 'spj:x') }], /nomor urut 2 dipakai lebih dari sekali/],
    ['a document numbered twice', [...honest, issued(4, '2026-11-06T01:00:00Z', 'spj:1')], /dokumen spj:1 bernomor dua kali/],
    ['a number\'s text rewritten', [honest[0]!, { ...honest[1]!, number: '005/SPJ/RT001-RW001/PLB/X/2026' }, honest[2]!], /nomor 005\/SPJ\/RT001-RW001\/PLB\/X\/2026 \(spj:2\): tidak sesuai dengan nomor urut 2.*seharusnya 002\/SPJ/],
    ['a month changed', [honest[0]!, { ...honest[1]!, number: '002/SPJ/RT001-RW001/PLB/IX/2026' }, honest[2]!], /tidak sesuai/],
    ['numbers issued out of order', [honest[0]!, issued(2, '2026-12-01T01:00:00Z'), issued(3, '2026-11-04T01:00:00Z')], /nomor urut 3 terbit sebelum nomor urut 2/],
    ['not a number at all', [{ ...honest[0]!, number: 'SPJ-1' }, honest[1]!, honest[2]!], /nomor SPJ-1 \(spj:1\): tidak sesuai/],
  ])('%s: named', (_what, rows, message) => {
    expect(documentNumberProblems(rows, day).join('\n')).toMatch(message);
  });
});

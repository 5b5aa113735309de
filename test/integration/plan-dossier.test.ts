/**
 * The plan's dossier (Perwal 32/2025, DP3A guideline B/1350/400.10.2/VII/2025), through HTTP:
 * a plan is not submitted, nor approved, without every required document; a file of the wrong
 * type or over the size limit is refused on the form in Indonesian; another RT's chair cannot
 * read a dossier file; a row removed behind the application's back is found by verify.
 */
import { describe, expect, it } from 'vitest';
import { approvePlan } from '../../src/app/decide-plan';
import { DEMO_PLAN } from '../../src/app/seed-money-flow';
import { onePagePdf, seededPhoto } from '../../src/app/seed-documents';
import { verifyLedger } from '../../src/app/verify-ledger';
import { toActor } from '../../src/db/user-repository';
import { DOSSIER_CHECKLIST, type DossierKind } from '../../src/domain/grants/dossier';
import { aCompleteDossier, aPdf, aSubmittedPlan, aUser, finishChain } from '../builders';
import { codeOf } from '../helpers/errors';
import { seededApp, signedIn, type Agent } from '../helpers/http';

const PLEBURAN = '3374050005';
const OCTOBER = () => new Date('2026-10-05T03:00:00Z');
const REQUIRED_UPLOADS = DOSSIER_CHECKLIST.filter((i) => i.required && !i.generated && i.kind !== 'berita_acara');

/** A chair of RT 005 / RW 003 in Pleburan (no plan in the demo), signed in, and the treasurer. */
async function world() {
  const { app, s } = await seededApp({}, OCTOBER);
  const rt = s.registry.findRtByNumbers(PLEBURAN, 3, 5)!;
  const { username, actor } = await aUser(s, { username: 'ketua.berkas', role: 'ketua_rt', rtId: rt.id });
  const ketua = await signedIn(app, username);
  const bendahara = await signedIn(app, 'bendahara.pleburan');
  return { app, s, rt, actor, ketua, bendahara };
}

function upload(agent: Agent, csrf: string, rtId: number, kind: string, file: [Buffer, string] | null) {
  const req = agent.post(`/rt/${rtId}/rencana/berkas`).field('_csrf', csrf).field('year', '2026').field('kind', kind);
  return file ? req.attach('dokumen', file[0], file[1]) : req;
}

function submitPlan(agent: Agent, csrf: string, rtId: number) {
  const req = agent.post(`/rt/${rtId}/rencana`).field('_csrf', csrf).field('year', '2026').field('action', 'submit');
  for (const l of DEMO_PLAN) req.field('lineCategory', l.category).field('lineDescription', l.description).field('lineAmount', l.amount.toLocaleString('id-ID'));
  return req.attach('beritaAcara', aPdf('berita acara'), 'berita-acara.pdf');
}

const fileFor = async (kind: string, note: string): Promise<[Buffer, string]> =>
  kind === 'foto_rapat' ? [await seededPhoto(`foto ${note}`, 40, 30), 'foto.jpg'] : [await onePagePdf(kind.toUpperCase(), [note]), `${kind}.pdf`];

describe('the dossier gate at submission, through HTTP', () => {
  it.each(REQUIRED_UPLOADS.map((i) => [i.kind, i.label] as const))('refuses submitting without %s: 422 naming it, lines kept, the plan still a draft', async (missing, label) => {
    const { s, rt, ketua } = await world();
    for (const item of REQUIRED_UPLOADS) {
      if (item.kind === missing) continue;
      expect((await upload(ketua.agent, ketua.csrf, rt.id, item.kind, await fileFor(item.kind, `${missing}-${item.kind}`))).status).toBe(303);
    }
    const r = await submitPlan(ketua.agent, ketua.csrf, rt.id);
    expect(r.status).toBe(422);
    expect(r.text).toContain('Berkas rencana belum lengkap');
    expect(r.text).toContain(`Belum diunggah: ${label}.`);
    // Only the missing one is named; the typed lines are shown again.
    for (const other of REQUIRED_UPLOADS.filter((i) => i.kind !== missing)) expect(r.text).not.toContain(`Belum diunggah: ${other.label}`);
    expect(r.text).toContain(DEMO_PLAN[0]!.description);
    expect(s.plans.versions(rt.id, 2026).map((p) => p.status)).toEqual(['draft']);
  });

  it('submits with every document: the page shows each item as ada, the plan is under review and what was required is recorded', async () => {
    const { s, rt, ketua } = await world();
    for (const item of REQUIRED_UPLOADS) expect((await upload(ketua.agent, ketua.csrf, rt.id, item.kind, await fileFor(item.kind, `ok-${item.kind}`))).status).toBe(303);
    expect((await submitPlan(ketua.agent, ketua.csrf, rt.id)).status).toBe(303);
    const [plan] = s.plans.versions(rt.id, 2026);
    expect(plan!.status).toBe('submitted');
    expect(JSON.parse(plan!.dossierRequired!)).toMatchObject({ surat_permohonan: 1, berita_acara: 1, foto_rapat: 1, sptjm: 1 });
    const page = await ketua.agent.get(`/rt/${rt.id}/rencana`);
    expect(page.text).toContain('Lengkap');
    expect(page.text.match(/badge-ok">ada</g)?.length).toBe(REQUIRED_UPLOADS.length + 2); // + the RAP and the berita acara
    // Submitted: no more uploads.
    const late = await upload(ketua.agent, ketua.csrf, rt.id, 'sptjm', await fileFor('sptjm', 'late'));
    expect(late.status).toBe(409);
  });
});

describe('dossier files refused on the form', () => {
  it.each<[string, string, () => Promise<[Buffer, string]> | [Buffer, string], number, string]>([
    ['a PDF as a meeting photo', 'foto_rapat', () => [aPdf('bukan foto'), 'foto.pdf'], 422, 'Foto musyawarah warga harus berupa berkas JPEG, PNG, WebP.'],
    ['an executable named .pdf', 'sptjm', () => [Buffer.concat([Buffer.from('MZ'), Buffer.alloc(300)]), 'sptjm.pdf'], 422, 'jenis berkas tidak diterima'],
    ['an empty file', 'sk_lurah', () => [Buffer.alloc(0), 'sk.pdf'], 422, 'kosong'],
    ['a file over 10 MB', 'buku_tabungan', () => [Buffer.alloc(10 * 1024 * 1024 + 1, 1), 'tabungan.pdf'], 413, 'terlalu besar: paling besar 10 MB'],
    ['an unknown kind', 'ktp_ketua', () => [aPdf('ktp'), 'ktp.pdf'], 422, 'Jenis berkas rencana tidak dikenal'],
  ])('refuses %s on the form with an Indonesian message and its status, nothing recorded', async (_what, kind, file, status, message) => {
    const { s, rt, ketua } = await world();
    const r = await upload(ketua.agent, ketua.csrf, rt.id, kind, await file());
    expect(r.status).toBe(status);
    expect(r.text).toContain(message);
    const [plan] = s.plans.versions(rt.id, 2026);
    expect(plan ? s.plans.documents(plan.id) : []).toEqual([]);
  });

  it('refuses an upload without a file: 422', async () => {
    const { rt, ketua } = await world();
    const r = await upload(ketua.agent, ketua.csrf, rt.id, 'sptjm', null);
    expect(r.status).toBe(422);
    expect(r.text).toContain('Pilih berkas yang akan diunggah.');
  });

  it('replaces a single-file item and removes a photo while a draft, each audited, no row deleted', async () => {
    const { s, rt, ketua } = await world();
    expect((await upload(ketua.agent, ketua.csrf, rt.id, 'sptjm', await fileFor('sptjm', 'one'))).status).toBe(303);
    expect((await upload(ketua.agent, ketua.csrf, rt.id, 'sptjm', await fileFor('sptjm', 'two'))).status).toBe(303);
    expect((await upload(ketua.agent, ketua.csrf, rt.id, 'foto_rapat', await fileFor('foto_rapat', 'a'))).status).toBe(303);
    expect((await upload(ketua.agent, ketua.csrf, rt.id, 'foto_rapat', await fileFor('foto_rapat', 'b'))).status).toBe(303);
    const [plan] = s.plans.versions(rt.id, 2026);
    const docs = s.plans.documents(plan!.id);
    expect(docs.map((d) => d.kind)).toEqual(['sptjm', 'foto_rapat', 'foto_rapat']);
    expect(s.audit.count('plan.document.replace')).toBe(1);
    const photo = docs.find((d) => d.kind === 'foto_rapat')!;
    expect((await ketua.agent.post(`/rt/${rt.id}/rencana/berkas/${photo.id}/hapus`).type('form').send({ _csrf: ketua.csrf })).status).toBe(303);
    expect(s.plans.documents(plan!.id).filter((d) => d.kind === 'foto_rapat')).toHaveLength(1);
    expect(s.plans.findDocument(photo.id)!.withdrawnAt).not.toBeNull();
    expect(s.audit.count('plan.document.remove')).toBe(1);
    // The rows stay: the database refuses a DELETE.
    expect(() => s.db.sqlite.prepare('DELETE FROM plan_documents WHERE id = ?').run(photo.id)).toThrow(/append-only/);
  });
});

describe('the dossier at the treasurer’s decision and in verify', () => {
  it('the treasurer cannot approve a plan whose dossier lost a file (a row deleted in the database), and verify reports it', async () => {
    const { s, rt, actor, bendahara } = await world();
    const plan = await aSubmittedPlan(s, actor, rt.id);
    expect(verifyLedger(s, [], { evidence: false }).ok).toBe(true);
    // A tamperer with the database file: drops the guard and deletes the SPTJM row.
    s.db.sqlite.exec('DROP TRIGGER plan_documents_no_delete');
    s.db.sqlite.prepare(`DELETE FROM plan_documents WHERE plan_id = ? AND kind = 'sptjm'`).run(plan.id);
    const res = await bendahara.agent.post(`/rencana/${plan.id}/setujui`).type('form').send({ _csrf: bendahara.csrf });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Belum diunggah: Surat Pernyataan Tanggung Jawab Mutlak (SPTJM).');
    expect(s.plans.find(plan.id)!.status).toBe('submitted');
    const report = verifyLedger(s, [], { evidence: false });
    expect(report.ok).toBe(false);
    expect(report.problems.join('\n')).toContain(`RAP #${plan.id} (RT #${rt.id}, submitted): berkas tidak lengkap, tidak ada Surat Pernyataan Tanggung Jawab Mutlak (SPTJM)`);
    expect(report.problems.join('\n')).toContain('plan_documents_no_delete');
  });

  it('approves a plan with its whole dossier; the treasurer sees each document beside the plan and opens it', async () => {
    const { s, rt, actor, bendahara } = await world();
    const plan = await aSubmittedPlan(s, actor, rt.id);
    const page = await bendahara.agent.get(`/rt/${rt.id}/rencana`);
    expect(page.status).toBe(200);
    for (const d of s.plans.documents(plan.id)) {
      expect(page.text).toContain(`/berkas/${d.sha256}`);
      expect((await bendahara.agent.get(`/berkas/${d.sha256}`)).status).toBe(200);
    }
    expect(page.text).toContain('Setujui rencana');
    expect((await bendahara.agent.post(`/rencana/${plan.id}/setujui`).type('form').send({ _csrf: bendahara.csrf })).status).toBe(303);
    // The treasurer's verification is the chain's first step; the lurah's (and the camat's) follow.
    finishChain(s, 'plan', plan.id);
    expect(s.plans.find(plan.id)!.status).toBe('approved');
    expect(verifyLedger(s, [], { evidence: false }).ok).toBe(true);
  });

  it('the use case refuses the same (codes), whoever calls it', async () => {
    const { s, rt, actor } = await world();
    const plan = await aSubmittedPlan(s, actor, rt.id);
    s.db.sqlite.exec('DROP TRIGGER plan_documents_no_delete');
    s.db.sqlite.prepare(`DELETE FROM plan_documents WHERE plan_id = ? AND kind = 'foto_rapat'`).run(plan.id);
    expect(codeOf(() => approvePlan(s, toActor(s.users.findByUsername('bendahara.pleburan')!), plan.id))).toBe('dossier_incomplete');
  });
});

describe('dossier files are read only inside their scope', () => {
  it('another RT’s chair gets 404 for a dossier file and for its removal; the RT’s own chair and its treasurer read it', async () => {
    const { app, s, rt, actor, ketua, bendahara } = await world();
    await aCompleteDossier(s, actor, rt.id);
    const [plan] = s.plans.versions(rt.id, 2026);
    const [doc] = s.plans.documents(plan!.id);
    const other = await signedIn(app, 'ketua.pleburan');
    expect((await other.agent.get(`/berkas/${doc!.sha256}`)).status).toBe(404);
    expect((await other.agent.post(`/rt/${rt.id}/rencana/berkas/${doc!.id}/hapus`).type('form').send({ _csrf: other.csrf })).status).toBe(404);
    const otherUpload = await upload(other.agent, other.csrf, rt.id, 'sptjm', await fileFor('sptjm', 'intruder'));
    expect(otherUpload.status).toBe(404);
    expect((await ketua.agent.get(`/berkas/${doc!.sha256}`)).status).toBe(200);
    expect((await bendahara.agent.get(`/berkas/${doc!.sha256}`)).status).toBe(200);
    expect(s.plans.findDocument(doc!.id)!.withdrawnAt).toBeNull();
  });

  it('the demo shows complete dossiers on approved plans and one draft still incomplete', async () => {
    const { app, s } = await world();
    const demoRt = s.users.findByUsername('ketua.pleburan')!.rtId!;
    const approved = s.plans.approved(demoRt, 2026)!;
    expect(new Set(s.plans.documents(approved.id).map((d) => d.kind))).toEqual(new Set<DossierKind>(['surat_permohonan', 'sk_lurah', 'buku_tabungan', 'daftar_hadir', 'foto_rapat', 'sptjm']));
    const draftRt = s.registry.findRtByNumbers(PLEBURAN, 4, 3)!;
    const [draft] = s.plans.versions(draftRt.id, 2026);
    expect(draft!.status).toBe('draft');
    const bendahara = await signedIn(app, 'bendahara.pleburan');
    const page = await bendahara.agent.get(`/rt/${draftRt.id}/rencana`);
    expect(page.text).toContain('Belum lengkap');
    expect(page.text).toContain('Belum ada: Salinan buku tabungan Bank Jateng atas nama RT; Berita acara kesepakatan RAP; Surat Pernyataan Tanggung Jawab Mutlak (SPTJM).');
  });
});

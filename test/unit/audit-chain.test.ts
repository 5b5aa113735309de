/**
 * The audit log's hash chain and the state replayed from it: the formula recomputed here by hand,
 * the walker naming deleted, inserted and rewritten rows and an altered seal, and the state
 * comparison naming each record edited without its event.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  auditContentOfCanonical,
  AUDIT_GENESIS_HASH,
  AUDIT_SEAL_ACTION,
  AuditChainWalker,
  LegacyDigest,
  auditCanonical,
  auditHash,
  auditJsonlLine,
  type AuditContent,
  type ChainedAuditRow,
} from '../../src/domain/audit/audit-chain';
import { AuditedState, auditedStateProblems, differingPaths, passwordSha256, userStateOf, yearAuditedOf, type PresentState, type YearRulesRow } from '../../src/domain/audit/audited-state';
import { normaliseTriggerSql } from '../../src/db/triggers';

const sha = (t: string) => createHash('sha256').update(t).digest('hex');

function content(id: number, over: Partial<AuditContent> = {}): AuditContent {
  return {
    id,
    at: `2026-03-0${(id % 9) + 1}T02:00:00.000Z`,
    actorUserId: 1,
    actorName: 'admin',
    actorRole: 'admin',
    action: 'plan.approve',
    targetType: 'plan',
    targetId: String(id),
    kelurahanCode: '3374050005',
    kecamatanCode: '3374050',
    summary: JSON.stringify({ before: { status: 'submitted' }, after: { status: 'approved' } }),
    ip: '127.0.0.1',
    ...over,
  };
}

/** A chain as the repository writes it: `legacy` unchained rows, a seal over them, then `n` rows. */
function chain(legacy: number, n: number): ChainedAuditRow[] {
  const rows: ChainedAuditRow[] = [];
  const digest = new LegacyDigest();
  for (let id = 1; id <= legacy; id++) {
    const r = content(id);
    digest.add(r);
    rows.push({ ...r, prevHash: null, hash: null });
  }
  const seal = content(legacy + 1, {
    action: AUDIT_SEAL_ACTION,
    targetType: 'audit_log',
    targetId: null,
    summary: JSON.stringify({ before: null, after: { legacyRows: digest.count, legacyLastId: digest.lastId, legacySha256: digest.digest(), users: [], rtBankAccounts: {}, years: {} } }),
  });
  let prev = AUDIT_GENESIS_HASH;
  for (const r of [seal, ...Array.from({ length: n }, (_, i) => content(legacy + 2 + i))]) {
    const hash = auditHash(prev, r);
    rows.push({ ...r, prevHash: prev, hash });
    prev = hash;
  }
  return rows;
}

const walk = (rows: ChainedAuditRow[]) => {
  const w = new AuditChainWalker();
  return rows.flatMap((r) => w.step(r));
};

describe('the audit chain', () => {
  it('hashes SHA-256(prev + "\\n" + the canonical JSON array), recomputed by hand', () => {
    const r = content(7);
    const text = `["audit/1",7,"${r.at}",1,"admin","admin","plan.approve","plan","7","3374050005","3374050",${JSON.stringify(r.summary)},"127.0.0.1"]`;
    expect(auditCanonical(r)).toBe(text);
    expect(auditHash('ab'.repeat(32), r)).toBe(sha(`${'ab'.repeat(32)}\n${text}`));
  });

  it('an intact chain, with and without rows before it, walks clean', () => {
    expect(walk(chain(0, 5))).toEqual([]);
    expect(walk(chain(4, 5))).toEqual([]);
  });

  const cases: Array<{ name: string; edit: (rows: ChainedAuditRow[]) => ChainedAuditRow[]; expect: RegExp; id: number }> = [
    { name: 'a middle row deleted', edit: (rows) => rows.filter((r) => r.id !== 7), expect: /baris audit #7 hilang sebelum baris ini/, id: 8 },
    { name: 'two rows deleted', edit: (rows) => rows.filter((r) => r.id !== 7 && r.id !== 8), expect: /baris audit #7–#8 hilang/, id: 9 },
    { name: 'a row rewritten (hash kept)', edit: (rows) => rows.map((r) => (r.id === 6 ? { ...r, actorName: 'bendahara.lain' } : r)), expect: /hash tidak cocok dengan isi baris/, id: 6 },
    {
      name: 'a row rewritten with its own hash recomputed',
      edit: (rows) =>
        rows.map((r) => {
          if (r.id !== 6) return r;
          const forged = { ...r, summary: '{"before":null,"after":{"status":"returned"}}' };
          return { ...forged, hash: auditHash(forged.prevHash!, forged) };
        }),
      expect: /prev_hash tidak sama/,
      id: 7,
    },
    { name: 'a row without hash inserted after the seal', edit: (rows) => [...rows.slice(0, 6), { ...content(99), prevHash: null, hash: null }, ...rows.slice(6)], expect: /baris tanpa hash sesudah rantai audit dimulai/, id: 99 },
    { name: 'a row before the chain rewritten', edit: (rows) => rows.map((r) => (r.id === 2 ? { ...r, summary: '{}' } : r)), expect: /tidak sama dengan yang disegel.*isinya diubah/, id: 5 },
    { name: 'a row before the chain deleted', edit: (rows) => rows.filter((r) => r.id !== 2), expect: /segel mencatat 4 baris.*sekarang 3 baris/, id: 5 },
    { name: 'the seal deleted', edit: (rows) => rows.filter((r) => r.id !== 5), expect: /bukan segel/, id: 6 },
  ];

  it.each(cases)('$name is named by its row', ({ edit, expect: message, id }) => {
    const problems = walk(edit(chain(4, 8)));
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.find((p) => message.test(p.reason))?.auditId).toBe(id);
  });

  it('a random edit of any field of any row is found', () => {
    const fields = ['at', 'actorName', 'actorRole', 'action', 'targetType', 'targetId', 'kelurahanCode', 'summary', 'ip'] as const;
    let seed = 42;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let i = 0; i < 200; i++) {
      const rows = chain(3, 20);
      const k = rand(rows.length);
      const f = fields[rand(fields.length)]!;
      rows[k] = { ...rows[k]!, [f]: `${String(rows[k]![f])}x` };
      expect(walk(rows).length, `row ${rows[k]!.id} field ${f}`).toBeGreaterThan(0);
    }
  });

  it('a bundle line carries the exact canonical text in scope, the links only outside it', () => {
    const [seal, row] = chain(0, 1);
    const inScope = JSON.parse(auditJsonlLine({ id: row!.id, prevHash: row!.prevHash, hash: row!.hash, inScope: true, canonical: auditCanonical(row!) })) as Record<string, string>;
    expect(sha(`${inScope.prev_hash}\n${inScope.canonical}`)).toBe(row!.hash);
    expect(inScope.prev_hash).toBe(seal!.hash);
    expect(JSON.parse(auditJsonlLine({ id: 1, prevHash: 'a', hash: 'b', inScope: false, canonical: 'x' }))).toEqual({ id: 1, prev_hash: 'a', hash: 'b' });
  });
});

const YEAR: YearRulesRow = { year: 2026, startsOn: '2026-01-01', endsOn: '2026-12-31', allocationPerRt: 25_000_000, disbursementMode: 'monthly', rules: '{"gates":{"previousSpjVerified":true}}', spjDueDay: 10, finalReportDue: '2026-12-15' };
const CHAIR = { username: 'ketua.pleburan', role: 'ketua_rt' as const, kelurahanCode: '3374050005', rtId: 3, kecamatanCodes: null, passwordHash: 'scrypt$aaa', active: true };

function event(id: number, action: string, targetId: number, after: unknown) {
  return { id, action, targetId: String(targetId), summary: JSON.stringify({ before: null, after }) };
}

function history(): AuditedState {
  const h = new AuditedState();
  h.seal({ users: [], rtBankAccounts: { '3': '2000000001' }, years: {} });
  h.apply(event(2, 'programme_year.create', 2026, yearAuditedOf(YEAR)));
  h.apply(event(3, 'user.create', 7, userStateOf(CHAIR)));
  h.apply(event(4, 'registry.rt.bank_account', 3, { bankAccount: '2000000002' }));
  return h;
}

const present = (over: Partial<PresentState> = {}): PresentState => ({
  users: [{ id: 7, ...userStateOf(CHAIR) }],
  rts: [{ id: 3, label: 'RT #3', bankAccount: '2000000002' }],
  years: [YEAR],
  yearVersions: [],
  ...over,
});

describe('the present held against the audited history', () => {
  it('agrees when every change went through its event', () => {
    expect(auditedStateProblems(history(), present())).toEqual([]);
  });

  it.each([
    { name: 'a chair made admin', now: present({ users: [{ id: 7, ...userStateOf({ ...CHAIR, role: 'admin', rtId: null, kelurahanCode: null }) }] }), expect: /pengguna ketua\.pleburan \(#7\): peran admin di basis data, riwayat audit mengatakan ketua_rt/ },
    { name: 'a password hash swapped', now: present({ users: [{ id: 7, ...userStateOf({ ...CHAIR, passwordHash: 'scrypt$bbb' }) }] }), expect: /hash kata sandi di basis data bukan yang tercatat/ },
    { name: 'a scope widened', now: present({ users: [{ id: 7, ...userStateOf({ ...CHAIR, rtId: 4 }) }] }), expect: /cakupan kelurahan 3374050005, RT #4 di basis data, riwayat audit mengatakan kelurahan 3374050005, RT #3/ },
    { name: 'a disabled user', now: present({ users: [{ id: 7, ...userStateOf({ ...CHAIR, active: false }) }] }), expect: /nonaktif di basis data, riwayat audit mengatakan aktif/ },
    { name: 'a forged user', now: present({ users: [...present().users, { id: 8, ...userStateOf({ ...CHAIR, username: 'siluman' }) }] }), expect: /pengguna siluman \(#8\) tidak ada di riwayat audit/ },
    { name: 'a deleted user', now: present({ users: [] }), expect: /pengguna ketua\.pleburan \(#7\) ada di riwayat audit tetapi tidak ada di basis data/ },
    { name: 'a bank account redirected', now: present({ rts: [{ id: 3, label: 'RT #3', bankAccount: '2099999999' }] }), expect: /RT #3: rekening bank 2099999999 di basis data, riwayat audit mengatakan 2000000002/ },
    { name: 'a rule switched off', now: present({ years: [{ ...YEAR, rules: '{"gates":{"previousSpjVerified":false}}' }] }), expect: /tahun program 2026: aturan di basis data berbeda dari riwayat audit \(berbeda: rules\.gates\.previousSpjVerified\)/ },
  ])('$name is named', ({ now, expect: message }) => {
    const problems = auditedStateProblems(history(), now);
    expect(problems.some((p) => message.test(p)), problems.join('\n')).toBe(true);
  });

  it('an event that should carry the state and does not is named', () => {
    const h = history();
    h.apply(event(9, 'user.reset_password', 7, {}));
    expect(auditedStateProblems(h, present())).toContain('baris audit #9 (user.reset_password) tidak mencatat passwordSha256');
  });

  it('keeps only a digest of the password hash', () => {
    expect(userStateOf(CHAIR).passwordSha256).toBe(sha('scrypt$aaa'));
    expect(JSON.stringify(userStateOf(CHAIR))).not.toContain('scrypt$aaa');
    expect(passwordSha256('x')).toHaveLength(64);
  });

  it('names the paths where two rule sets differ', () => {
    expect(differingPaths({ a: 1, b: { c: [1, 2] } }, { a: 1, b: { c: [1, 3] }, d: 0 })).toEqual(['b.c.1', 'd']);
  });
});

describe('trigger SQL normalised', () => {
  it('ignores case and whitespace, not a changed body', () => {
    const original = "CREATE TRIGGER t BEFORE UPDATE ON audit_log\nBEGIN SELECT RAISE(ABORT, 'x'); END";
    expect(normaliseTriggerSql('create   trigger t before update on audit_log begin select raise ( abort , \'x\' ) ; end')).toBe(normaliseTriggerSql(original));
    expect(normaliseTriggerSql('CREATE TRIGGER t BEFORE UPDATE ON audit_log BEGIN SELECT 1; END')).not.toBe(normaliseTriggerSql(original));
  });
});

describe('auditContentOfCanonical: the row a canonical text was made from, exactly', () => {
  const row = {
    id: 42, at: '2026-11-28T03:00:00.000Z', actorUserId: 7, actorName: 'bendahara.pleburan', actorRole: 'bendahara', action: 'rt.bank_account',
    targetType: 'rt', targetId: '12', kelurahanCode: '3374050005', kecamatanCode: '3374050', summary: '{"before":{"bankAccount":"2048975120"},"after":{"bankAccount":"2099999999"}}', ip: null,
  };
  it('reads back every column, nulls included', () => {
    expect(auditContentOfCanonical(auditCanonical(row))).toEqual(row);
    const system = { ...row, actorUserId: null, targetId: null, kelurahanCode: null, kecamatanCode: null, ip: '10.0.0.1' };
    expect(auditContentOfCanonical(auditCanonical(system))).toEqual(system);
  });
  it.each([
    ['not JSON', '["audit/1",42'],
    ['another tag', auditCanonical(row).replace('"audit/1"', '"audit/2"')],
    ['a column missing', JSON.stringify(JSON.parse(auditCanonical(row)).slice(0, 12))],
    ['a space added (not the text it hashes)', auditCanonical(row).replace(',', ', ')],
    ['an id as text', auditCanonical(row).replace('"audit/1",42', '"audit/1","42"')],
    ['a summary as an object', auditCanonical(row).replace(JSON.stringify(row.summary), row.summary)],
  ])('%s: null', (_what, text) => {
    expect(auditContentOfCanonical(text)).toBeNull();
  });
});

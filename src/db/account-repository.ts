/** Temporary passwords issued to RT officers' accounts, and the lookups the conflict rule needs. */
import type { Statement } from 'better-sqlite3';
import type { AccountStore, NewPasswordIssue } from '../app/ports';
import type { PasswordIssue } from '../domain/accounts/password-conflict';
import type { Db } from './client';

const ITEM_TABLES = { receipt: 'receipts', plan: 'plans', tranche: 'tranches', spj: 'spj_reports' } as const;

export class AccountRepository implements AccountStore {
  private readonly s: Record<'insert' | 'issuesBy' | 'officers' | 'ofRt' | 'treasurers', Statement>;
  private readonly item: Record<keyof typeof ITEM_TABLES, Statement>;

  constructor(private readonly db: Db) {
    const p = (q: string) => db.prepare(q);
    this.s = {
      insert: p(`INSERT INTO password_issues (user_id, rt_id, issued_by, kind, issued_at) VALUES (?, ?, ?, ?, ?)`),
      issuesBy: p(`SELECT issued_by AS issuedBy, rt_id AS rtId, issued_at AS issuedAt FROM password_issues
                   WHERE issued_by = ? AND rt_id = ? AND issued_at >= ? ORDER BY issued_at`),
      ofRt: p(`SELECT id FROM users WHERE rt_id = ? AND active = 1 AND role IN ('ketua_rt', 'sekretaris_rt', 'bendahara_rt') ORDER BY id`),
      treasurers: p(`SELECT id AS userId, kelurahan_code AS kelurahanCode FROM users WHERE role = 'bendahara' AND active = 1 AND kelurahan_code IS NOT NULL ORDER BY id`),
      officers: p(`SELECT u.id, u.username, u.display_name AS displayName, u.role, u.rt_id AS rtId, u.active, u.must_change_password AS mustChangePassword
                   FROM users u JOIN rt ON rt.id = u.rt_id JOIN rw ON rw.id = rt.rw_id
                   WHERE rw.kelurahan_code = ? AND u.role IN ('ketua_rt', 'sekretaris_rt', 'bendahara_rt')
                   ORDER BY rw.number, rt.number, CASE u.role WHEN 'ketua_rt' THEN 0 WHEN 'sekretaris_rt' THEN 1 ELSE 2 END, u.username`),
    };
    this.item = Object.fromEntries(Object.entries(ITEM_TABLES).map(([k, t]) => [k, p(`SELECT rt_id AS rtId FROM ${t} WHERE id = ?`)])) as Record<keyof typeof ITEM_TABLES, Statement>;
  }

  recordIssue(i: NewPasswordIssue): void {
    this.s.insert.run(i.userId, i.rtId, i.issuedBy, i.kind, i.issuedAt);
  }

  issuesBy(issuedBy: number, rtId: number, since: string): PasswordIssue[] {
    return this.s.issuesBy.all(issuedBy, rtId, since) as PasswordIssue[];
  }

  rtOfItem(itemType: keyof typeof ITEM_TABLES, id: number): number | undefined {
    return (this.item[itemType].get(id) as { rtId: number } | undefined)?.rtId;
  }

  activeUsersOfRt(rtId: number): number[] {
    return (this.s.ofRt.all(rtId) as Array<{ id: number }>).map((r) => r.id);
  }

  activeTreasurers(): Array<{ userId: number; kelurahanCode: string }> {
    return this.s.treasurers.all() as Array<{ userId: number; kelurahanCode: string }>;
  }

  rtOfficersOf(kelurahanCode: string) {
    return (this.s.officers.all(kelurahanCode) as Array<{ id: number; username: string; displayName: string; role: string; rtId: number; active: number; mustChangePassword: number }>).map((r) => ({
      ...r,
      active: !!r.active,
      mustChangePassword: !!r.mustChangePassword,
    }));
  }
}

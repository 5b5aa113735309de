/** Counts of what waits for whom (one prepared statement per count), and the comment threads on items. */
import type { CommentItemKind, CommentStore, ItemCommentRow, WaitingCount, WorkCountStore, WorkScope } from '../app/ports';
import type { Db } from './client';

/** The RT scope as SQL over an `rt` row aliased `r`: every count binds :rt, :kel and :kec (null = any). */
const SCOPE = `(:rt IS NULL OR r.id = :rt) AND (:kel IS NULL OR r.kelurahan_code = :kel)
  AND (:kec IS NULL OR r.kelurahan_code IN (SELECT code FROM kelurahan WHERE kecamatan_code = :kec))`;

const stepWaits = (type: 'plan' | 'tranche', alias: string, round: string) => `
  (:previous IS NULL OR EXISTS (SELECT 1 FROM approval_steps a WHERE a.subject_type = '${type}' AND a.subject_id = ${alias}.id AND a.round = ${round} AND a.step = :previous))
  AND NOT EXISTS (SELECT 1 FROM approval_steps a WHERE a.subject_type = '${type}' AND a.subject_id = ${alias}.id AND a.round = ${round} AND a.step = :step)`;

const bind = (s: WorkScope) => ({ rt: s.rtId ?? null, kel: s.kelurahanCode ?? null, kec: s.kecamatanCode ?? null });

export class WorkRepository implements WorkCountStore {
  private readonly q;

  constructor(db: Db) {
    const p = (sql: string) => db.sqlite.prepare(sql);
    this.q = {
      pendingReceipts: p(`SELECT count(*) AS count, min(x.submitted_at) AS oldestAt FROM receipts x JOIN rt r ON r.id = x.rt_id WHERE x.status = 'pending' AND ${SCOPE}`),
      submittedSpj: p(`SELECT count(*) AS count, min(x.submitted_at) AS oldestAt FROM spj_reports x JOIN rt r ON r.id = x.rt_id WHERE x.status = 'submitted' AND ${SCOPE}`),
      plansAtStep: p(
        `SELECT count(*) AS count, min(coalesce(x.submitted_at, x.updated_at)) AS oldestAt FROM plans x JOIN rt r ON r.id = x.rt_id
         WHERE x.status = 'submitted' AND x.year = :year AND ${SCOPE} AND ${stepWaits('plan', 'x', 'coalesce(x.submitted_at, x.updated_at)')}`,
      ),
      tranchesAtStep: p(
        `SELECT count(*) AS count, min(x.requested_at) AS oldestAt FROM tranches x JOIN rt r ON r.id = x.rt_id
         WHERE x.status = 'pending' AND x.year = :year AND ${SCOPE} AND ${stepWaits('tranche', 'x', 'x.requested_at')}`,
      ),
      unbatched: p(`SELECT count(*) AS count, min(x.decided_at) AS oldestAt FROM tranches x JOIN rt r ON r.id = x.rt_id WHERE x.status = 'approved' AND x.batch_id IS NULL AND ${SCOPE}`),
      returnedOfRt: p(
        `SELECT (SELECT count(*) FROM receipts WHERE rt_id = :rt AND status = 'returned')
              + (SELECT count(*) FROM spj_reports WHERE rt_id = :rt AND status = 'returned')
              + (SELECT count(*) FROM plans WHERE rt_id = :rt AND status = 'returned') AS n`,
      ),
    };
  }

  pendingReceipts(scope: WorkScope): WaitingCount {
    return this.q.pendingReceipts.get(bind(scope)) as WaitingCount;
  }

  submittedSpj(scope: WorkScope): WaitingCount {
    return this.q.submittedSpj.get(bind(scope)) as WaitingCount;
  }

  plansAtStep(scope: WorkScope, year: number, step: string, previous: string | null): WaitingCount {
    return this.q.plansAtStep.get({ ...bind(scope), year, step, previous }) as WaitingCount;
  }

  tranchesAtStep(scope: WorkScope, year: number, step: string, previous: string | null): WaitingCount {
    return this.q.tranchesAtStep.get({ ...bind(scope), year, step, previous }) as WaitingCount;
  }

  unbatchedTranches(scope: WorkScope): WaitingCount {
    return this.q.unbatched.get(bind(scope)) as WaitingCount;
  }

  returnedOfRt(rtId: number): number {
    return (this.q.returnedOfRt.get({ rt: rtId }) as { n: number }).n;
  }
}

export class CommentRepository implements CommentStore {
  private readonly q;

  constructor(db: Db) {
    this.q = {
      insert: db.sqlite.prepare('INSERT INTO item_comments (item_kind, item_id, author_id, body, created_at) VALUES (:itemKind, :itemId, :authorId, :body, :createdAt)'),
      ofItem: db.sqlite.prepare(
        `SELECT c.id, c.item_kind AS itemKind, c.item_id AS itemId, c.author_id AS authorId, u.display_name AS authorName, u.role AS authorRole, c.body, c.created_at AS createdAt
         FROM item_comments c JOIN users u ON u.id = c.author_id WHERE c.item_kind = ? AND c.item_id = ? ORDER BY c.id`,
      ),
    };
  }

  insert(row: { itemKind: CommentItemKind; itemId: number; authorId: number; body: string; createdAt: string }): number {
    return Number(this.q.insert.run(row).lastInsertRowid);
  }

  ofItem(itemKind: CommentItemKind, itemId: number): ItemCommentRow[] {
    return this.q.ofItem.all(itemKind, itemId) as ItemCommentRow[];
  }
}

/** The chain of approval's steps (append-only: triggers refuse UPDATE and DELETE). */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { ApprovalStepRow, ApprovalStore, ApprovalSubject, NewApprovalStep } from '../app/ports';
import type { Db } from './client';
import { approvalSteps } from './schema';

export class ApprovalRepository implements ApprovalStore {
  constructor(private readonly db: Db) {}

  record(step: NewApprovalStep): number {
    return Number(this.db.orm.insert(approvalSteps).values(step).run().lastInsertRowid);
  }

  ofRound(subjectType: ApprovalSubject, subjectId: number, round: string): ApprovalStepRow[] {
    return this.db.orm
      .select()
      .from(approvalSteps)
      .where(and(eq(approvalSteps.subjectType, subjectType), eq(approvalSteps.subjectId, subjectId), eq(approvalSteps.round, round)))
      .orderBy(asc(approvalSteps.id))
      .all();
  }

  ofSubjects(subjectType: ApprovalSubject, subjectIds: readonly number[]): ApprovalStepRow[] {
    if (subjectIds.length === 0) return [];
    const out: ApprovalStepRow[] = [];
    // SQLite's bound-parameter limit: in slices.
    for (let i = 0; i < subjectIds.length; i += 500) {
      out.push(
        ...this.db.orm
          .select()
          .from(approvalSteps)
          .where(and(eq(approvalSteps.subjectType, subjectType), inArray(approvalSteps.subjectId, subjectIds.slice(i, i + 500))))
          .orderBy(asc(approvalSteps.id))
          .all(),
      );
    }
    return out.sort((a, b) => a.id - b.id);
  }
}

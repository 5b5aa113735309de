/** src/domain/grants/plan.ts: the RAP's state machine and its rules, line by line and whole. */
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors';
import { MAX_PLAN_LINES, PLAN_STATUS_LABELS, PLAN_STATUSES, planTransition, validatePlanForSubmission, validatePlanLines, type PlanAction, type PlanLine, type PlanStatus } from '../../src/domain/grants/plan';
import { defaultProgrammeYear } from '../../src/domain/grants/programme-year';
import { failureOf } from '../helpers/errors';

const failure = failureOf;
const outcome = (fn: () => unknown) => {
  try {
    return fn() ?? 'ok';
  } catch (e) {
    return e instanceof DomainError ? e.code : `unexpected: ${String(e)}`;
  }
};

describe('plan states', () => {
  it('has six states, each with its Indonesian label', () => {
    expect(PLAN_STATUSES).toEqual(['draft', 'submitted', 'returned', 'rejected', 'approved', 'superseded']);
    expect(PLAN_STATUS_LABELS).toEqual({ draft: 'Draf', submitted: 'Diajukan', returned: 'Dikembalikan', rejected: 'Ditolak', approved: 'Disetujui', superseded: 'Diganti revisi' });
  });

  const MATRIX: Record<PlanAction, Record<PlanStatus, string>> = {
    edit: { draft: 'draft', submitted: 'plan_not_editable', returned: 'returned', rejected: 'plan_not_editable', approved: 'plan_not_editable', superseded: 'plan_not_editable' },
    submit: { draft: 'submitted', submitted: 'plan_not_submittable', returned: 'submitted', rejected: 'plan_not_submittable', approved: 'plan_not_submittable', superseded: 'plan_not_submittable' },
    approve: { draft: 'plan_not_submitted', submitted: 'approved', returned: 'plan_not_submitted', rejected: 'plan_not_submitted', approved: 'plan_not_submitted', superseded: 'plan_not_submitted' },
    return: { draft: 'plan_not_submitted', submitted: 'returned', returned: 'plan_not_submitted', rejected: 'plan_not_submitted', approved: 'plan_not_submitted', superseded: 'plan_not_submitted' },
    reject: { draft: 'plan_not_submitted', submitted: 'rejected', returned: 'plan_not_submitted', rejected: 'plan_not_submitted', approved: 'plan_not_submitted', superseded: 'plan_not_submitted' },
    revise: { draft: 'plan_not_approved', submitted: 'plan_not_approved', returned: 'plan_not_approved', rejected: 'plan_not_approved', approved: 'draft', superseded: 'plan_not_approved' },
  };
  const rows = Object.entries(MATRIX).flatMap(([action, byStatus]) => Object.entries(byStatus).map(([status, expected]) => [status, action, expected] as [PlanStatus, PlanAction, string]));

  it.each(rows)('%s × %s → %s', (status, action, expected) => {
    expect(outcome(() => planTransition(status, action, { isSubmitter: false }))).toBe(expected);
    if (!PLAN_STATUSES.includes(expected as PlanStatus)) expect(failure(() => planTransition(status, action, { isSubmitter: false })).kind).toBe('conflict');
  });

  it.each<[PlanStatus, PlanAction, string]>([
    ['submitted', 'approve', 'approver_is_submitter'],
    ['submitted', 'return', 'approver_is_submitter'],
    ['submitted', 'reject', 'approver_is_submitter'],
    ['draft', 'edit', 'draft'],
    ['returned', 'submit', 'submitted'],
    ['approved', 'revise', 'draft'],
  ])('the submitter: %s × %s → %s', (status, action, expected) => {
    expect(outcome(() => planTransition(status, action, { isSubmitter: true }))).toBe(expected);
  });

  it('refuses the submitter as a forbidden role, saying it is their plan', () => {
    const e = failure(() => planTransition('submitted', 'approve', { isSubmitter: true }));
    expect(e.kind).toBe('forbidden');
    expect(e.message).toContain('rencana');
  });
});

describe('plan lines as they are typed', () => {
  const year = defaultProgrammeYear(2026);
  const line = (o: Partial<PlanLine> = {}): PlanLine => ({ category: 'SOS', description: 'Konsumsi rapat', amount: 100_000, ...o });

  it.each<[string, PlanLine[], string, string | null]>([
    ['no lines yet', [], 'ok', null],
    ['40 lines', Array.from({ length: MAX_PLAN_LINES }, () => line()), 'ok', null],
    ['41 lines', Array.from({ length: MAX_PLAN_LINES + 1 }, () => line()), 'plan_too_many_lines', null],
    ['a line of one rupiah', [line({ amount: 1 })], 'ok', null],
    ['an unknown category on line 2', [line(), line({ category: 'adm' })], 'category_unknown', 'lines.1'],
    ['a zero amount on line 3', [line(), line(), line({ amount: 0 })], 'plan_line_amount_invalid', 'lines.2'],
    ['a negative amount', [line({ amount: -5 })], 'plan_line_amount_invalid', 'lines.0'],
    ['an amount with sen', [line({ amount: 100.5 })], 'plan_line_amount_invalid', 'lines.0'],
    ['an amount beyond safe integers', [line({ amount: 2 ** 53 })], 'plan_line_amount_invalid', 'lines.0'],
    ['no amount', [line({ amount: Number.NaN })], 'plan_line_amount_invalid', 'lines.0'],
    ['a forbidden use on line 2', [line(), line({ description: 'Honor ketua RT' })], 'forbidden_use', 'lines.1'],
  ])('%s → %s', (_name, lines, expected, field) => {
    expect(outcome(() => validatePlanLines(year, lines))).toBe(expected);
    if (field) {
      const e = failure(() => validatePlanLines(year, lines));
      expect(e.kind).toBe('validation');
      expect(Object.keys(e.fields)).toEqual([field]);
      expect(e.fields[field]).toMatch(/^\S.*\.$/);
      expect(e.message.startsWith(`Baris ${Number(field.split('.')[1]) + 1}: `)).toBe(true);
    }
  });

  it('says how many lines a plan may have', () => {
    expect(failure(() => validatePlanLines(year, Array.from({ length: 41 }, () => line()))).message).toContain('40');
  });

  it('says which line and which use is forbidden', () => {
    const e = failure(() => validatePlanLines(year, [line(), line({ description: 'Bensin ronda pengurus RT' })]));
    expect(e.fields).toEqual({ 'lines.1': 'Dilarang: BBM.' });
    expect(e.message).toContain('2');
  });

  it('reads the categories of the year it is given', () => {
    const custom = { ...year, categories: [{ ...year.categories[0]!, code: 'XYZ' }] };
    expect(outcome(() => validatePlanLines(custom, [line({ category: 'XYZ' })]))).toBe('ok');
    expect(outcome(() => validatePlanLines(custom, [line({ category: 'SOS' })]))).toBe('category_unknown');
  });
});

describe('a plan submitted for approval', () => {
  const year = defaultProgrammeYear(2026);
  const plan = (adm: number, rest = 25_000_000 - adm): PlanLine[] => [
    { category: 'ADM', description: 'ATK', amount: adm },
    { category: 'SOS', description: 'Konsumsi rapat', amount: rest },
  ];

  it.each<[string, PlanLine[], number, string]>([
    ['lines that make the allocation', plan(600_000), 25_000_000, 'ok'],
    ['administration at exactly 2,5 %', plan(625_000), 25_000_000, 'ok'],
    ['administration a rupiah over 2,5 %', plan(625_001), 25_000_000, 'category_limit_exceeded'],
    ['administration over 2,5 % of a smaller allocation', plan(250_001, 9_749_999), 10_000_000, 'category_limit_exceeded'],
    ['a rupiah short of the allocation', plan(600_000, 24_399_999), 25_000_000, 'plan_total_mismatch'],
    ['a rupiah over the allocation', plan(600_000, 24_400_001), 25_000_000, 'plan_total_mismatch'],
    ['administration split over lines, together over', [...plan(400_000, 24_374_000), { category: 'ADM', description: 'Cetak', amount: 226_000 }], 25_000_000, 'category_limit_exceeded'],
    ['no lines', [], 25_000_000, 'plan_empty'],
    ['a bad line', [{ category: 'SOS', description: 'Rapat', amount: 0 }], 0, 'plan_line_amount_invalid'],
  ])('%s → %s', (_name, lines, allocation, expected) => {
    expect(outcome(() => validatePlanForSubmission(year, lines, allocation))).toBe(expected);
  });

  it('applies every limited category of the year', () => {
    const limited = { ...year, categories: year.categories.map((c) => (c.code === 'SOS' ? { ...c, maxPercentOfAllocation: '50' } : c)) };
    expect(outcome(() => validatePlanForSubmission(limited, plan(600_000), 25_000_000))).toBe('category_limit_exceeded');
    expect(outcome(() => validatePlanForSubmission(limited, [...plan(600_000, 12_500_000), { category: 'BUD', description: 'Lomba 17-an', amount: 11_900_000 }], 25_000_000))).toBe('ok');
  });

  it('names the totals and the difference', () => {
    expect(failure(() => validatePlanForSubmission(year, plan(600_000, 24_000_000), 25_000_000)).message).toMatch(/Rp24\.600\.000.*Rp25\.000\.000.*Rp400\.000/);
    expect(failure(() => validatePlanForSubmission(year, plan(700_000), 25_000_000)).message).toMatch(/Administrasi .*2,5 %.*Rp625\.000.*Rp700\.000/);
  });
});

/** The chain of approval as a pure rule: which step is next, who may take it, none skipped, none by the wrong hand. */
import { describe, expect, it } from 'vitest';
import { checkApprovalStep, nextApprovalStep, validateApprovalSteps, type ApprovalStepCode, type RecordedStep, checkSendBack } from '../../src/domain/grants/approval-chain';
import { defaultProgrammeYear, validateProgrammeYear } from '../../src/domain/grants/programme-year';
import { codeOf } from '../helpers/errors';

const TWO: ApprovalStepCode[] = ['verify', 'approve'];
const THREE: ApprovalStepCode[] = ['verify', 'approve', 'acknowledge'];
const B = { userId: 1, role: 'bendahara' };
const L = { userId: 2, role: 'lurah' };
const C = { userId: 3, role: 'camat' };
const verified: RecordedStep[] = [{ step: 'verify', userId: 1 }];
const approved: RecordedStep[] = [...verified, { step: 'approve', userId: 2 }];

describe('checkApprovalStep', () => {
  it.each<[string, ApprovalStepCode[], RecordedStep[], ApprovalStepCode, { userId: number | null; role: string }, number | null, string]>([
    // none skippable
    ['the lurah before the treasurer verified', TWO, [], 'approve', L, 9, 'approval_step_out_of_order'],
    ['the camat before the lurah approved', THREE, verified, 'acknowledge', C, 9, 'approval_step_out_of_order'],
    ['the camat with nothing taken', THREE, [], 'acknowledge', C, 9, 'approval_step_out_of_order'],
    // none by the wrong role
    ['a lurah taking the treasurer’s verification', TWO, [], 'verify', L, 9, 'approval_step_wrong_role'],
    ['a treasurer taking the lurah’s approval', TWO, verified, 'approve', B, 9, 'approval_step_wrong_role'],
    ['a chair taking the lurah’s approval', TWO, verified, 'approve', { userId: 9, role: 'ketua_rt' }, 8, 'approval_step_wrong_role'],
    ['an auditor taking the camat’s step', THREE, approved, 'acknowledge', { userId: 7, role: 'auditor' }, 9, 'approval_step_wrong_role'],
    ['the camat in a year without his step', TWO, approved, 'acknowledge', C, 9, 'approval_step_not_configured'],
    // nobody approves what they submitted, nor takes two steps
    ['the treasurer verifying her own request', TWO, [], 'verify', B, 1, 'approver_is_submitter'],
    ['a chair made lurah approving his own request', TWO, verified, 'approve', L, 2, 'approver_is_submitter'],
    ['a treasurer made lurah approving what she verified', TWO, [{ step: 'verify', userId: 2 }], 'approve', L, 9, 'approval_step_same_person'],
    // each step once
    ['the verification taken twice', TWO, verified, 'verify', { userId: 4, role: 'bendahara' }, 9, 'approval_step_taken'],
    ['the approval taken twice', THREE, approved, 'approve', { userId: 5, role: 'lurah' }, 9, 'approval_step_taken'],
    // the right hand in order
    ['the treasurer first', THREE, [], 'verify', B, 9, 'ok'],
    ['the lurah second', THREE, verified, 'approve', L, 9, 'ok'],
    ['the camat last', THREE, approved, 'acknowledge', C, 9, 'ok'],
  ])('%s → %s', (_what, configured, recorded, step, actor, submittedBy, expected) => {
    expect(codeOf(() => checkApprovalStep({ configured, recorded, step, actor, submittedBy, what: 'pencairan' }))).toBe(expected);
  });

  it('completes exactly at the last configured step', () => {
    expect(checkApprovalStep({ configured: TWO, recorded: [], step: 'verify', actor: B, submittedBy: 9, what: 'rencana' }).completes).toBe(false);
    expect(checkApprovalStep({ configured: TWO, recorded: verified, step: 'approve', actor: L, submittedBy: 9, what: 'rencana' }).completes).toBe(true);
    expect(checkApprovalStep({ configured: THREE, recorded: verified, step: 'approve', actor: L, submittedBy: 9, what: 'rencana' }).completes).toBe(false);
    expect(checkApprovalStep({ configured: ['verify'], recorded: [], step: 'verify', actor: B, submittedBy: 9, what: 'rencana' }).completes).toBe(true);
  });

  it('names the next step', () => {
    expect(nextApprovalStep(THREE, [])).toBe('verify');
    expect(nextApprovalStep(THREE, verified)).toBe('approve');
    expect(nextApprovalStep(THREE, approved)).toBe('acknowledge');
    expect(nextApprovalStep(TWO, approved)).toBeNull();
  });
});

describe('the configured chain', () => {
  it.each<[string[], string]>([
    [['verify', 'approve'], 'ok'],
    [['verify', 'approve', 'acknowledge'], 'ok'],
    [['verify'], 'ok'],
    [['verify', 'acknowledge'], 'ok'],
    [[], 'approval_steps_invalid'],
    [['approve'], 'approval_steps_invalid'],
    [['approve', 'verify'], 'approval_steps_invalid'],
    [['verify', 'verify'], 'approval_steps_invalid'],
    [['verify', 'acknowledge', 'approve'], 'approval_steps_invalid'],
    [['verify', 'pay'], 'approval_steps_invalid'],
  ])('%j → %s', (steps, expected) => {
    expect(codeOf(() => validateApprovalSteps(steps))).toBe(expected);
  });

  it('defaults to the treasurer then the lurah, the camat off; a year with a broken chain is refused', () => {
    expect(defaultProgrammeYear(2027).approvalSteps).toEqual(['verify', 'approve']);
    expect(codeOf(() => validateProgrammeYear({ ...defaultProgrammeYear(2027), approvalSteps: ['approve'] }))).toBe('approval_steps_invalid');
  });
});

describe('checkSendBack: the treasurer any time in the round, a later approver only on their turn', () => {
  const three = ['verify', 'approve', 'acknowledge'] as const;
  const taken = (...steps: Array<'verify' | 'approve' | 'acknowledge'>) => steps.map((step, i) => ({ step, userId: i + 1 }));
  it.each<[string, readonly ('verify' | 'approve' | 'acknowledge')[], ReturnType<typeof taken>, string, string | null]>([
    ['the treasurer before her step', three, taken(), 'bendahara', null],
    ['the treasurer after her step', three, taken('verify'), 'bendahara', null],
    ['the lurah on his turn', three, taken('verify'), 'lurah', null],
    ['the lurah before the treasurer', three, taken(), 'lurah', 'approval_step_out_of_order'],
    ['the lurah after his own step', three, taken('verify', 'approve'), 'lurah', 'approval_step_out_of_order'],
    ['the camat on his turn', three, taken('verify', 'approve'), 'camat', null],
    ['the camat on the lurah’s turn', three, taken('verify'), 'camat', 'approval_step_out_of_order'],
    ['the camat in a year without his step', ['verify', 'approve'], taken('verify', 'approve'), 'camat', 'approval_step_not_configured'],
  ])('%s', (_what, configured, recorded, role, code) => {
    let got: string | null = null;
    try {
      checkSendBack({ configured, recorded, role });
    } catch (e) {
      got = (e as { code?: string }).code ?? 'thrown';
    }
    expect(got).toBe(code);
  });
});

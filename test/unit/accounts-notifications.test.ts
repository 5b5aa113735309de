/** The conflict rule of temporary passwords, who may issue them, contact validation, and the retry backoff: table tests. */
import { describe, expect, it } from 'vitest';
import { barringIssue, conflictUntil, refuseIfIssuedPassword, type PasswordIssue } from '../../src/domain/accounts/password-conflict';
import { refuseIssuing } from '../../src/domain/accounts/issuing';
import { normalizeEmail, normalizePhone } from '../../src/domain/notifications/contact';
import { retryDelayMs } from '../../src/domain/notifications/kinds';
import { codeOf } from '../helpers/errors';
import { anActor } from '../builders';

const ISSUE: PasswordIssue = { issuedBy: 7, rtId: 3, issuedAt: '2026-11-01T03:00:00.000Z' };

describe('the 30-day conflict rule', () => {
  it.each([
    ['the issuer, same RT, same moment', 7, 3, '2026-11-01T03:00:00.000Z', true],
    ['the issuer, same RT, 29 days later', 7, 3, '2026-11-30T03:00:00.000Z', true],
    ['the issuer, same RT, a millisecond before 30 days', 7, 3, '2026-12-01T02:59:59.999Z', true],
    ['the issuer, same RT, exactly 30 days later', 7, 3, '2026-12-01T03:00:00.000Z', false],
    ['the issuer, another RT', 7, 4, '2026-11-02T00:00:00.000Z', false],
    ['another treasurer, same RT', 8, 3, '2026-11-02T00:00:00.000Z', false],
    ['a decision before the issue', 7, 3, '2026-10-31T00:00:00.000Z', false],
  ] as const)('%s → barred: %s', (_n, decider, rtId, at, barred) => {
    expect(!!barringIssue([ISSUE], decider, rtId, at)).toBe(barred);
    if (barred) expect(codeOf(() => refuseIfIssuedPassword([ISSUE], decider, rtId, at))).toBe('decider_issued_password');
  });

  it('the system (no user) is never barred; until is 30 days on', () => {
    expect(barringIssue([ISSUE], null, 3, ISSUE.issuedAt)).toBeUndefined();
    expect(conflictUntil(ISSUE.issuedAt)).toBe('2026-12-01T03:00:00.000Z');
  });
});

describe('who may issue a temporary password', () => {
  const PLB = '3374050005';
  it.each([
    ['treasurer → chair of her kelurahan', anActor('bendahara', { userId: 1, kelurahanCode: PLB }), { id: 2, role: 'ketua_rt', kelurahanCode: PLB }, null],
    ['treasurer → RT bendahara of her kelurahan', anActor('bendahara', { userId: 1, kelurahanCode: PLB }), { id: 2, role: 'bendahara_rt', kelurahanCode: PLB }, null],
    ['treasurer → chair of another kelurahan', anActor('bendahara', { userId: 1, kelurahanCode: PLB }), { id: 2, role: 'ketua_rt', kelurahanCode: '3374050006' }, 'not_in_scope'],
    ['treasurer → another treasurer of hers', anActor('bendahara', { userId: 1, kelurahanCode: PLB }), { id: 2, role: 'bendahara', kelurahanCode: PLB }, 'account_not_issuable'],
    ['treasurer → the admin', anActor('bendahara', { userId: 1, kelurahanCode: PLB }), { id: 2, role: 'admin', kelurahanCode: null }, 'not_in_scope'],
    ['treasurer → herself', anActor('bendahara', { userId: 1, kelurahanCode: PLB }), { id: 1, role: 'bendahara', kelurahanCode: PLB }, 'cannot_reset_self'],
    ['chair → a fellow officer', anActor('ketua_rt', { userId: 1, rtId: 5 }), { id: 2, role: 'sekretaris_rt', kelurahanCode: PLB }, 'forbidden_role'],
    ['lurah → a chair', anActor('lurah', { userId: 1, kelurahanCode: PLB }), { id: 2, role: 'ketua_rt', kelurahanCode: PLB }, 'forbidden_role'],
    ['admin → a treasurer', anActor('admin', { userId: 1 }), { id: 2, role: 'bendahara', kelurahanCode: PLB }, null],
  ] as const)('%s', (_n, actor, target, code) => {
    const run = () => refuseIssuing(actor, target);
    if (code === null) expect(run).not.toThrow();
    else expect(codeOf(run)).toBe(code);
  });
});

describe('contact fields', () => {
  it.each([
    ['081234567890', '+6281234567890'],
    ['0812-3456-7890', '+6281234567890'],
    ['+62 812 3456 7890', '+6281234567890'],
    ['6285712345678', '+6285712345678'],
    ['', null],
  ])('phone %j → %j', (raw, out) => expect(normalizePhone(raw)).toBe(out));
  it.each(['12345', '0212345678', '+6591234567', '08123', '0812345678901234', 'nomor saya'])('phone %j is refused', (raw) => expect(codeOf(() => normalizePhone(raw))).toBe('phone_invalid'));
  it.each([
    [' Ketua@Contoh.ID ', 'ketua@contoh.id'],
    ['', null],
  ])('e-mail %j → %j', (raw, out) => expect(normalizeEmail(raw)).toBe(out));
  it.each(['ketua', 'ketua@', '@contoh.id', 'ketua@contoh', 'a b@contoh.id', 'x@-contoh.id'])('e-mail %j is refused', (raw) => expect(codeOf(() => normalizeEmail(raw))).toBe('email_invalid'));
});

it('retry backoff grows and is capped at 6 hours', () => {
  expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([60_000, 120_000, 240_000, 480_000]);
  expect(retryDelayMs(20)).toBe(6 * 60 * 60_000);
});

/**
 * Type-level tests of the error catalogue, checked by `tsc --noEmit` (never run): each
 * `@ts-expect-error` fails the type check when the line it guards starts to compile.
 */
import { DomainError, errorMessage, fail } from '../../src/domain/errors';

export function errorCodeTypeChecks(): DomainError[] {
  return [
    // The right code with the right values compiles.
    fail('year_closed', { year: 2026 }),
    fail('plan_empty'),
    fail('rbb_empty', undefined, { lines: 'Isi paling sedikit satu baris.' }),
    fail('category_unknown', {}, { category: 'Pilih kategori.' }),
    fail('entry_already_reversed', { entryId: 3, reversalId: 4 }),
    // @ts-expect-error an unknown code
    fail('no_such_code'),
    // @ts-expect-error a message with values needs them
    fail('year_closed'),
    // @ts-expect-error a value of the wrong type
    fail('year_closed', { year: '2026' }),
    // @ts-expect-error a value under the wrong name
    fail('year_closed', { tahun: 2026 }),
    // @ts-expect-error a missing value
    fail('receipt_exceeds_cash', { amount: 1 }),
    // @ts-expect-error a fixed message takes no values
    fail('plan_empty', { year: 2026 }),
    // @ts-expect-error no kind can be passed
    fail('plan_empty', 'conflict'),
    // @ts-expect-error no free text can be passed
    fail('plan_empty', 'Pesan bebas.'),
    // @ts-expect-error a union of codes whose messages carry values
    fail(Math.random() > 0.5 ? 'year_closed' : 'year_exists', { year: 2026 }),
    // @ts-expect-error the constructor is private: only fail and combine make errors
    new DomainError('plan_empty', 'Pesan bebas.', {}),
  ];
}

export function errorMessageTypeChecks(): string[] {
  return [
    errorMessage('year_not_ended', { year: 2026, closableOn: '2026-12-15' }),
    // @ts-expect-error errorMessage is typed like fail
    errorMessage('year_not_ended', { year: 2026 }),
  ];
}

import { describe, expect, it } from 'vitest';
import {
  CITY_APPROPRIATION,
  CITY_LAPSED,
  CITY_RETURNED,
  cityAccounts,
  isValidAccountName,
  rtAccounts,
  rtCashAccount,
  rtLapsedAccount,
  rtPrefix,
  rtReturnedAccount,
  rtSpendingAccount,
  rtUndrawnAccount,
  rtYearEndAccounts,
} from '../../src/domain/ledger/accounts';

const rt = { kelurahanCode: '3374050005', rwNumber: 2, rtNumber: 3 };

describe('the chart of accounts (names as the hledger journal shows them)', () => {
  it.each([
    [{ kelurahanCode: '3374050005', rwNumber: 2, rtNumber: 3 }, '3374050005:rw02:rt003'],
    [{ kelurahanCode: '3374050005', rwNumber: 12, rtNumber: 45 }, '3374050005:rw12:rt045'],
    [{ kelurahanCode: '3374100001', rwNumber: 1, rtNumber: 120 }, '3374100001:rw01:rt120'],
  ])('an RT %j is %s', (ref, prefix) => {
    expect(rtPrefix(ref)).toBe(prefix);
  });

  it('gives each RT its undrawn allocation, cash, spending per category and year-end accounts', () => {
    expect(rtUndrawnAccount(rt)).toBe('aset:rt:3374050005:rw02:rt003:alokasi');
    expect(rtCashAccount(rt)).toBe('aset:rt:3374050005:rw02:rt003:kas');
    expect(rtSpendingAccount(rt, 'ADM')).toBe('beban:rt:3374050005:rw02:rt003:adm');
    expect(rtReturnedAccount(rt)).toBe('aset:kota:kasda:pengembalian:3374050005:rw02:rt003');
    expect(rtLapsedAccount(rt)).toBe('ekuitas:kota:alokasi-gugur:3374050005:rw02:rt003');
    expect(rtAccounts(rt, ['ADM', 'SOS'])).toEqual([
      { name: 'aset:rt:3374050005:rw02:rt003:alokasi', kind: 'undrawn', category: null },
      { name: 'aset:rt:3374050005:rw02:rt003:kas', kind: 'cash', category: null },
      { name: 'beban:rt:3374050005:rw02:rt003:adm', kind: 'spending', category: 'ADM' },
      { name: 'beban:rt:3374050005:rw02:rt003:sos', kind: 'spending', category: 'SOS' },
    ]);
    expect(rtYearEndAccounts(rt)).toEqual([
      { name: 'aset:kota:kasda:pengembalian:3374050005:rw02:rt003', kind: 'returned', category: null },
      { name: 'ekuitas:kota:alokasi-gugur:3374050005:rw02:rt003', kind: 'lapsed', category: null },
    ]);
  });

  it('has the city appropriation, returns to Kas Daerah and lapsed allocation', () => {
    expect(cityAccounts()).toEqual([
      { name: 'ekuitas:kota:apbd', kind: 'appropriation', category: null },
      { name: 'aset:kota:kasda:pengembalian', kind: 'returned', category: null },
      { name: 'ekuitas:kota:alokasi-gugur', kind: 'lapsed', category: null },
    ]);
    expect([CITY_APPROPRIATION, CITY_RETURNED, CITY_LAPSED]).toEqual(cityAccounts().map((a) => a.name));
  });

  it('names only valid hledger accounts', () => {
    const names = [...rtAccounts(rt, ['ADM', 'SOS', 'BUD', 'PEM', 'LIN', 'PML', 'PRL']), ...rtYearEndAccounts(rt), ...cityAccounts()].map((a) => a.name);
    expect(names.filter((n) => !isValidAccountName(n))).toEqual([]);
  });
});

describe('isValidAccountName', () => {
  it.each([
    ['aset:kas', true],
    ['a:b:c', true],
    ['1:2', true],
    ['aset:kota:alokasi-gugur', true],
    ['aset:k-', true],
    ['aset', false],
    ['Aset:kas', false],
    ['aset:Kas', false],
    ['aset:', false],
    [':kas', false],
    ['aset::kas', false],
    ['aset:kas:', false],
    ['aset:ka s', false],
    ['aset:kas ', false],
    [' aset:kas', false],
    ['aset:-kas', false],
    ['-aset:kas', false],
    ['aset:kas;x', false],
    ['aset:kas\nbeban:x', false],
    ['', false],
  ])('%j → %s', (name, valid) => {
    expect(isValidAccountName(name)).toBe(valid);
  });
});

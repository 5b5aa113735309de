/** terbilang: the amount in words on the BKU, SPJ and LPJ (issue 18, item 6), at the edges a reviewer checks. */
import { describe, expect, it } from 'vitest';
import { terbilang } from '../../src/domain/money';

describe('terbilang', () => {
  it.each<[number, string]>([
    [0, 'nol rupiah'],
    [1, 'satu rupiah'],
    [10, 'sepuluh rupiah'],
    [11, 'sebelas rupiah'],
    [12, 'dua belas rupiah'],
    [19, 'sembilan belas rupiah'],
    [20, 'dua puluh rupiah'],
    [100, 'seratus rupiah'],
    [111, 'seratus sebelas rupiah'],
    [200, 'dua ratus rupiah'],
    [1_000, 'seribu rupiah'],
    [1_100, 'seribu seratus rupiah'],
    [2_000, 'dua ribu rupiah'],
    [11_000, 'sebelas ribu rupiah'],
    [100_000, 'seratus ribu rupiah'],
    [550_000, 'lima ratus lima puluh ribu rupiah'],
    [1_000_000, 'satu juta rupiah'],
    [1_500_000, 'satu juta lima ratus ribu rupiah'],
    [25_000_000, 'dua puluh lima juta rupiah'],
    [1_725_000_000, 'satu miliar tujuh ratus dua puluh lima juta rupiah'],
    [2_147_483_647, 'dua miliar seratus empat puluh tujuh juta empat ratus delapan puluh tiga ribu enam ratus empat puluh tujuh rupiah'],
    [-250_000, 'minus dua ratus lima puluh ribu rupiah'],
  ])('%i → %s', (n, words) => {
    expect(terbilang(n)).toBe(words);
  });

  it('refuses what is not whole rupiah', () => {
    expect(() => terbilang(0.5)).toThrow(TypeError);
  });
});

/** How documents name their grant (src/domain/grants/grant-titles.ts): one row per grantee or mix of programmes. */
import { describe, expect, it } from 'vitest';
import { grantNameOf, grantsTitleOf, grantTitleOf } from '../../src/domain/grants/grant-titles';
import { demoPkkProgramme } from '../../src/domain/grants/programmes';

const year = { programmes: [demoPkkProgramme(), { ...demoPkkProgramme(), code: 'KT', name: 'Bantuan Karang Taruna' }] };

describe('a grantee’s grant', () => {
  it.each([
    ['OPS', 'rt', 'Dana Operasional RT', 'DANA OPERASIONAL RT'],
    ['OPS', 'rw', 'Dana Operasional RW', 'DANA OPERASIONAL RW'],
    ['PKK', 'rt', 'Bantuan Operasional PKK RT/RW', 'BANTUAN OPERASIONAL PKK RT/RW'],
    ['PKK', 'rw', 'Bantuan Operasional PKK RT/RW', 'BANTUAN OPERASIONAL PKK RT/RW'],
    ['XYZ', 'rt', 'XYZ', 'XYZ'],
  ] as const)('%s %s: "%s"', (code, kind, name, title) => {
    expect(grantNameOf(year, code, kind)).toBe(name);
    expect(grantTitleOf(year, code, kind)).toBe(title);
  });

  it('the name is read from the year: renamed there, renamed on the documents', () => {
    expect(grantTitleOf({ programmes: [{ ...demoPkkProgramme(), name: 'Hibah PKK' }] }, 'PKK', 'rt')).toBe('HIBAH PKK');
  });
});

describe('the grants of a document over several grantees', () => {
  it.each([
    [[], 'DANA OPERASIONAL RT'],
    [['OPS'], 'DANA OPERASIONAL RT'],
    [['OPS', 'OPS'], 'DANA OPERASIONAL RT'],
    [['PKK'], 'BANTUAN OPERASIONAL PKK RT/RW'],
    [['PKK', 'OPS'], 'BANTUAN OPERASIONAL RT/RW DAN BANTUAN OPERASIONAL PKK RT/RW'],
    [['KT', 'PKK', 'OPS'], 'BANTUAN OPERASIONAL RT/RW, BANTUAN OPERASIONAL PKK RT/RW DAN BANTUAN KARANG TARUNA'],
  ])('%j: "%s"', (codes, title) => {
    expect(grantsTitleOf(year, codes)).toBe(title);
  });
});

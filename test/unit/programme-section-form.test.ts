/** The settings page's programme fields read back into sections (http/forms/programme-section.ts): typed rows, each bad line named. */
import { describe, expect, it } from 'vitest';
import { demoPkkProgramme } from '../../src/domain/grants/programmes';
import { mergeProgrammes, parseProgrammes, programmeFormValues } from '../../src/http/forms/programme-section';

const parse = (values: Record<string, string>) => {
  const problems: Record<string, string> = {};
  const out = parseProgrammes((k) => values[k] ?? '', (path, message) => (problems[path] ??= message));
  return { out, problems };
};

describe('programme fields', () => {
  it('round-trip: the demo PKK section as fields reads back as itself (the spare block left blank is skipped)', () => {
    const pkk = demoPkkProgramme();
    const { out, problems } = parse(programmeFormValues({ programmes: [pkk] }));
    expect(problems).toEqual({});
    const kept = mergeProgrammes({ programmes: [pkk] }, out);
    expect(kept).toEqual([pkk]);
  });

  const ok = { progRows: '1', prog0_code: 'pkk', prog0_name: 'PKK', prog0_basis: 'Perwal 47/2025', prog0_rtAmount: '10.000.000', prog0_categories: 'KEG | Kegiatan | | | nota' };
  it.each<[string, Record<string, string>, string | null]>([
    ['a lower-case code is taken upper-case', {}, null],
    ['a code with a digit', { prog0_code: 'PKK1' }, 'prog0_code'],
    ['no amount for any kind', { prog0_rtAmount: '' }, 'prog0_rtAmount'],
    ['an amount with a fraction', { prog0_rtAmount: '10.000,50' }, 'prog0_rtAmount'],
    ['a category line with a two-letter code', { prog0_categories: 'KE | Kegiatan | | | nota' }, 'prog0_categories'],
    ['a bad percent', { prog0_categories: 'KEG | Kegiatan | lima | | nota' }, 'prog0_categories'],
    ['an item cap without an amount', { prog0_categories: 'KEG | Kegiatan | | Honor pelatih | nota' }, 'prog0_categories'],
    ['an unknown evidence kind', { prog0_categories: 'KEG | Kegiatan | | | selfie' }, 'prog0_categories'],
    ['no categories', { prog0_categories: '' }, 'prog0_categories'],
  ])('%s', (_what, change, field) => {
    const { out, problems } = parse({ ...ok, ...change });
    if (field === null) {
      expect(problems).toEqual({});
      expect(out[0]).toMatchObject({ code: 'PKK', granteeKinds: [{ kind: 'rt', label: 'PKK RT', allocationRupiah: 10_000_000 }] });
    } else expect(Object.keys(problems)).toContain(field);
  });
});

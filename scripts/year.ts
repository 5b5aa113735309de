/**
 * npm run year -- <command> — programme years from the command line, as the admin's pages:
 *   list                                       every year, its version in force today
 *   show <year> [--tanggal YYYY-MM-DD]         the settings in force on a date (JSON)
 *   create <year> [--alokasi-rt N] [--alokasi-rw N] [--mode monthly|staged] [--tahap 40,40,20]
 *   set <year> [--berlaku YYYY-MM-DD] --json '{"spjDueDay": 12}' | --json-file settings.json
 * Each change is a new version from its date (default today), audited as system:cli:year.
 * Another programme (e.g. PKK RT/RW, Perwal 47/2025) is the setting "programmes": a list of
 * { code, name, legalBasis, granteeKinds: [{ kind: "rt"|"rw", label, allocationRupiah }], categories }
 * (src/domain/grants/programme-year.ts ProgrammeSection), e.g. --json-file pkk.json.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { bootstrap } from '../src/app/bootstrap';
import { changeYearSettings, createProgrammeYear, type YearRuleChange } from '../src/app/create-programme-year';
import { systemActor } from '../src/domain/access';
import { todayWib } from '../src/domain/calendar';
import { isDomainError } from '../src/domain/errors';
import type { ProgrammeYear } from '../src/domain/grants/programme-year';
import { versionInForce } from '../src/domain/grants/year-settings';
import { parseRupiah } from '../src/domain/money';
import { loadConfig } from '../src/config';

const USAGE = `Pemakaian:
  npm run year -- list
  npm run year -- show 2027 [--tanggal 2027-03-01]
  npm run year -- create 2027 [--alokasi-rt 25.000.000] [--alokasi-rw 3.000.000] [--mode monthly|staged] [--tahap 40,40,20]
  npm run year -- set 2027 [--berlaku 2027-02-01] --json '{"spjDueDay": 12}' | --json-file pengaturan.json`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    tanggal: { type: 'string' },
    berlaku: { type: 'string' },
    json: { type: 'string' },
    'json-file': { type: 'string' },
    'alokasi-rt': { type: 'string' },
    'alokasi-rw': { type: 'string' },
    mode: { type: 'string' },
    tahap: { type: 'string' },
  },
});

function usage(problem?: string): never {
  if (problem) console.error(problem);
  console.error(USAGE);
  process.exit(2);
}

const [command, yearText] = positionals;
const year = Number(yearText);
if (command !== 'list' && !/^20\d\d$/.test(yearText ?? '')) usage(command ? 'Tahun empat angka, misalnya 2027.' : undefined);

function rupiahOption(name: 'alokasi-rt' | 'alokasi-rw'): number | undefined {
  const text = values[name];
  if (text === undefined) return undefined;
  const r = parseRupiah(text, { min: 1, max: 1_000_000_000_000 });
  if (!r.ok) usage(`--${name}: ${r.message}`);
  return r.value;
}

function changeFromJson(): YearRuleChange {
  const text = values.json ?? (values['json-file'] ? fs.readFileSync(values['json-file'], 'utf8') : undefined);
  if (text === undefined) usage('Sebutkan --json atau --json-file.');
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('bukan objek');
    return parsed as YearRuleChange;
  } catch {
    usage('Pengaturan bukan JSON objek yang sah, misalnya {"spjDueDay": 12}.');
  }
}

const s = bootstrap(loadConfig());
const actor = systemActor('cli:year');
const today = todayWib(s.now());
try {
  switch (command) {
    case 'list':
      for (const y of s.years.years()) {
        const now = s.years.find(y, today)!;
        const versions = s.years.versions(y);
        console.log(`${y}  ${now.startsOn}..${now.endsOn}  RT Rp${now.allocationPerRt.toLocaleString('id-ID')}  RW Rp${now.allocationPerGrantee.rw.toLocaleString('id-ID')}  ${now.disbursementMode}  versi ${versionInForce(versions, today)?.version ?? 1} dari ${versions.length || 1}  ${now.status}`);
      }
      break;
    case 'show': {
      const y = s.years.find(year, values.tanggal ?? today);
      if (!y) throw new Error(`Tahun program ${year} tidak ada.`);
      console.log(JSON.stringify(y, null, 2));
      break;
    }
    case 'create': {
      const overrides: Partial<ProgrammeYear> = {};
      const rt = rupiahOption('alokasi-rt');
      const rw = rupiahOption('alokasi-rw');
      if (rt !== undefined) overrides.allocationPerRt = rt;
      if (rw !== undefined) overrides.allocationPerGrantee = { rt: rt ?? 25_000_000, rw };
      if (values.mode !== undefined) {
        if (values.mode !== 'monthly' && values.mode !== 'staged') usage('--mode: monthly atau staged.');
        overrides.disbursementMode = values.mode;
      }
      if (values.tahap !== undefined) overrides.stagePercents = values.tahap.split(',').map((p) => p.trim());
      const y = createProgrammeYear(s, actor, year, overrides);
      console.log(`Tahun program ${y.year} dibuat: ${y.startsOn}..${y.endsOn}, RT Rp${y.allocationPerRt.toLocaleString('id-ID')}, RW Rp${y.allocationPerGrantee.rw.toLocaleString('id-ID')}, ${y.disbursementMode} (versi pengaturan 1).`);
      break;
    }
    case 'set': {
      const r = changeYearSettings(s, actor, year, changeFromJson(), values.berlaku);
      console.log(`Pengaturan tahun ${year} versi ${r.version} disimpan, berlaku mulai ${r.effectiveFrom}.`);
      break;
    }
    default:
      usage(command ? `Perintah tidak dikenal: ${command}` : undefined);
  }
} catch (e) {
  if (!isDomainError(e) && !(e instanceof Error && e.message.startsWith('Tahun program'))) throw e;
  console.error(`Ditolak: ${e.message}`);
  process.exitCode = 1;
} finally {
  s.db.close();
}

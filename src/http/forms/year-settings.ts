/**
 * The programme-year settings form: its zod schema (a body of flat fields, category rows
 * numbered cat0_…, cat1_…) and the form values of a year (to fill the form, or refill it with
 * what was typed). Settings the form has no field for travel as one JSON object ("Pengaturan
 * lain"), so a setting added to the programme year is editable before it has fields of its own.
 */
import { z } from 'zod';
import { fail } from '../../domain/errors';
import { EVIDENCE_KINDS, isEvidenceKind, type EvidenceKind } from '../../domain/grants/evidence-kinds';
import type { ForbiddenKeyword } from '../../domain/grants/forbidden-keywords';
import { APPROVAL_STEP_CODES, APPROVAL_STEPS, type ApprovalStepCode } from '../../domain/grants/approval-chain';
import { DEFAULT_GATES, type Category, type ProgrammeSection, type ProgrammeYear, type TrancheGateSettings } from '../../domain/grants/programme-year';
import { mergeProgrammes, parseProgrammes, programmeFormValues, programmeFormView } from './programme-section';
import { parseRupiahIssue } from './rupiah';

/** The settings with fields of their own; every other setting goes through the JSON field. */
export const FORM_FIELDS = [
  'allocationPerRt', 'allocationPerGrantee', 'disbursementMode', 'stagePercents', 'stageAccountedPercent', 'categories',
  'forbiddenKeywords', 'forbiddenMode', 'gates', 'spjDueDay', 'finalReportDue', 'meteraiThreshold',
  'holidays', 'programmes', 'approvalSteps',
] as const;
/** Never a setting (the year's identity and state). */
const NOT_SETTINGS = new Set(['year', 'status', 'startsOn', 'endsOn']);

export const GATE_LABELS: Record<keyof TrancheGateSettings, string> = {
  planApproved: 'RAP sudah disetujui',
  insideYear: 'Bulan di dalam tahun program',
  withinAllocation: 'Tidak melebihi alokasi',
  bankAccountValid: 'Rekening bank sah',
  previousSpjVerified: 'SPJ bulan sebelumnya terverifikasi',
  stageAccounted: 'Tahap sebelumnya cukup dipertanggungjawabkan (mode bertahap)',
};
const GATES = Object.keys(DEFAULT_GATES) as Array<keyof TrancheGateSettings>;

/** The chain's steps as the form offers them, in their one order; the treasurer's verification is always the first. */
export const APPROVAL_STEP_CHOICES: ReadonlyArray<{ code: ApprovalStepCode; label: string; hint: string; fixed: boolean }> = [
  { code: 'verify', label: `${APPROVAL_STEPS.verify.doneLabel}`, hint: 'selalu langkah pertama', fixed: true },
  { code: 'approve', label: `${APPROVAL_STEPS.approve.doneLabel}`, hint: 'lurah menyetujui sebagai pejabat yang bertanggung jawab (nama dan NIP)', fixed: false },
  { code: 'acknowledge', label: `${APPROVAL_STEPS.acknowledge.doneLabel}`, hint: 'camat mengetahui sebelum BPKAD membayar (boleh tidak dipakai)', fixed: false },
];
/** Category rows on the form beyond the year's: room for new categories. */
const SPARE_ROWS = 2;
const MAX_ROWS = 20;

/** A plain refusal word: the only kind the form edits as a line (the others are kept as they are). */
const isPlainWord = (k: ForbiddenKeyword) => (k.kind ?? 'refuse') === 'refuse' && !k.unless?.length && !k.stem;

const rp = (n: number) => n.toLocaleString('id-ID');
const percentText = (p: string | null) => (p === null ? '' : p.replace('.', ','));

/** The flat form values of a year's settings. */
export function yearFormValues(y: ProgrammeYear): Record<string, string | string[]> {
  const v: Record<string, string | string[]> = {
    year: String(y.year),
    allocationRt: rp(y.allocationPerRt),
    allocationRw: rp(y.allocationPerGrantee.rw),
    disbursementMode: y.disbursementMode,
    stagePercents: y.stagePercents.map(percentText).join('; '),
    stageAccountedPercent: percentText(y.stageAccountedPercent),
    spjDueDay: String(y.spjDueDay),
    finalReportDue: y.finalReportDue,
    meteraiThreshold: rp(y.meteraiThreshold),
    forbiddenMode: y.forbiddenMode,
    forbiddenWords: y.forbiddenKeywords.filter(isPlainWord).map((k) => `${k.keyword} = ${k.reason}`).join('\n'),
    holidays: y.holidays.join('\n'),
    otherSettings: JSON.stringify(otherSettingsOf(y), null, 2),
    rows: String(y.categories.length + SPARE_ROWS),
  };
  Object.assign(v, programmeFormValues(y));
  for (const g of GATES) if (y.gates[g]) v[`gate_${g}`] = 'on';
  v.approvalSteps = [...y.approvalSteps];
  y.categories.forEach((c, i) => {
    v[`cat${i}_code`] = c.code;
    v[`cat${i}_name`] = c.name;
    v[`cat${i}_description`] = c.description;
    v[`cat${i}_percent`] = percentText(c.maxPercentOfAllocation);
    v[`cat${i}_caps`] = c.itemCaps.map((cap) => `${cap.label} = ${rp(cap.maxRupiah)}`).join('\n');
    v[`cat${i}_evidence`] = [...(c.evidence ?? ['nota'])];
  });
  return v;
}

/** The settings without a field of their own, as the JSON field shows them. */
export function otherSettingsOf(y: ProgrammeYear): Record<string, unknown> {
  return Object.fromEntries(Object.entries(y).filter(([k]) => !NOT_SETTINGS.has(k) && !(FORM_FIELDS as readonly string[]).includes(k)));
}

/** What the page's template loops over: gates, category rows with their evidence ticks. */
export function yearFormView(values: Record<string, unknown>, errors: Record<string, string> = {}) {
  const str = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : '');
  const list = (k: string) => {
    const raw = values[k];
    return Array.isArray(raw) ? raw.filter((x): x is string => typeof x === 'string') : typeof raw === 'string' ? [raw] : [];
  };
  const rows = Math.min(MAX_ROWS, Math.max(1, Number(str('rows')) || 0));
  return {
    gates: GATES.map((g) => ({ name: `gate_${g}`, label: GATE_LABELS[g], checked: str(`gate_${g}`) !== '' })),
    approvalChoices: APPROVAL_STEP_CHOICES.map((c) => ({ ...c, checked: c.fixed || list('approvalSteps').includes(c.code) })),
    categoryRows: Array.from({ length: rows }, (_, i) => ({
      i,
      code: str(`cat${i}_code`),
      name: str(`cat${i}_name`),
      description: str(`cat${i}_description`),
      percent: str(`cat${i}_percent`),
      caps: str(`cat${i}_caps`),
      rowErrors: Object.fromEntries(['code', 'name', 'percent', 'caps', 'evidence'].flatMap((k) => (errors[`cat${i}_${k}`] ? [[k, errors[`cat${i}_${k}`]]] : []))),
      evidence: Object.entries(EVIDENCE_KINDS).map(([kind, label]) => ({ kind, label, checked: list(`cat${i}_evidence`).includes(kind) })),
    })),
    rows: String(rows),
    ...programmeFormView(values, errors),
    monthly: str('disbursementMode') !== 'staged',
    refuse: str('forbiddenMode') !== 'flag',
  };
}

/** What the form posts, typed: the settings it has fields for and the JSON of the others. */
export interface YearSettingsInput {
  allocationPerGrantee: { rt: number; rw: number };
  disbursementMode: 'monthly' | 'staged';
  stagePercents: string[];
  stageAccountedPercent: string;
  spjDueDay: number;
  finalReportDue: string;
  meteraiThreshold: number;
  forbiddenMode: 'refuse' | 'flag';
  gates: TrancheGateSettings;
  categories: Category[];
  /** Holidays, one date a line (what follows a date on its line is a note, not kept). */
  holidays: string[];
  /** Programmes besides the RT/RW grant (programme-section.ts). */
  programmes: ProgrammeSection[];
  /** The chain of approval's steps ticked, in their one order. */
  approvalSteps: ApprovalStepCode[];
  /** The plain refusal words typed, one "kata = alasan" a line. */
  plainWords: ForbiddenKeyword[];
  other: Record<string, unknown>;
}

/** The plain words typed are the year's own, in order (the list is kept as it is, pattern words in place). */
const samePlainWords = (all: readonly ForbiddenKeyword[], typed: readonly ForbiddenKeyword[]) =>
  JSON.stringify(all.filter(isPlainWord).map((k) => [k.keyword, k.reason])) === JSON.stringify(typed.map((k) => [k.keyword, k.reason]));

/** The year's settings with the form's: the words the form does not show are kept as they are. */
export function applySettingsInput(y: ProgrammeYear, d: YearSettingsInput): Partial<ProgrammeYear> {
  const { plainWords, other, ...fields } = d;
  const current = y as unknown as Record<string, unknown>;
  const shape = (x: unknown) => (Array.isArray(x) ? 'array' : x === null ? 'null' : typeof x);
  // Only settings the year has, each of the same shape (a list stays a list): the domain checks the rest.
  for (const [k, val] of Object.entries(other)) {
    if (!(k in current) || shape(current[k]) !== shape(val)) throw fail('settings_json_invalid', undefined, { otherSettings: `"${k}" bukan pengaturan tahun ini atau bentuknya salah.` });
  }
  return {
    ...other,
    ...fields,
    allocationPerRt: d.allocationPerGrantee.rt,
    forbiddenKeywords: samePlainWords(y.forbiddenKeywords, plainWords) ? y.forbiddenKeywords : [...y.forbiddenKeywords.filter((k) => !isPlainWord(k)), ...plainWords],
    // A year without programmes stays without the setting (an unchanged form changes nothing).
    programmes: d.programmes.length || y.programmes ? mergeProgrammes(y, d.programmes) : undefined,
  };
}

const PERCENT = /^\d{1,3}([.,]\d{1,2})?$/;
const percentOf = (t: string) => t.trim().replace(',', '.');
const str = z.string({ error: 'Isian tidak valid.' }).max(10_000, 'Isian terlalu panjang.');

const base = z.looseObject({
  allocationRt: str,
  allocationRw: str,
  disbursementMode: z.enum(['monthly', 'staged'], { error: 'Pilih cara pencairan.' }),
  stagePercents: str,
  stageAccountedPercent: str,
  spjDueDay: str,
  finalReportDue: str,
  meteraiThreshold: str,
  forbiddenMode: z.enum(['refuse', 'flag'], { error: 'Pilih penanganan penggunaan terlarang.' }),
  forbiddenWords: str.optional(),
  otherSettings: str.optional(),
  rows: str.optional(),
  holidays: str.optional(),
});

const YEAR = z.string({ error: 'Tahun wajib diisi.' }).trim().regex(/^20\d\d$/, 'Tahun empat angka, misalnya 2027.').transform(Number);
const EFFECTIVE = z.string({ error: 'Tanggal berlaku wajib diisi.' }).trim().regex(/^\d{4}-\d{2}-\d{2}$/, 'Tanggal berlaku dengan format TTTT-BB-HH.');

/** The new-year form: the year and its settings. */
export const createYearForm = base.extend({ year: YEAR }).transform((v, ctx) => ({ year: v.year, settings: settingsOfBody(v, ctx) }));
/** The change form: the settings and the date they take effect. */
export const changeYearForm = base.extend({ effectiveFrom: EFFECTIVE }).transform((v, ctx) => ({ effectiveFrom: v.effectiveFrom, settings: settingsOfBody(v, ctx) }));

function settingsOfBody(v: z.infer<typeof base>, ctx: z.RefinementCtx): YearSettingsInput {
  const bad = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  const field = (k: string): string => {
    const raw = (v as Record<string, unknown>)[k];
    return typeof raw === 'string' ? raw : '';
  };
  const money = (k: string, label: string, min = 1) => {
    const r = parseRupiahIssue(field(k), { min, max: 1_000_000_000_000 });
    if (typeof r === 'string') {
      bad(k, `${label}: ${r}`);
      return 0;
    }
    return r;
  };
  const allocationPerGrantee = { rt: money('allocationRt', 'Alokasi per RT'), rw: money('allocationRw', 'Alokasi per RW') };
  const stageTexts = v.stagePercents.split(/[;\s]+/).map((t) => t.trim()).filter(Boolean);
  if (!stageTexts.length || !stageTexts.every((t) => PERCENT.test(t))) bad('stagePercents', 'Persentase tahap dipisah titik koma, misalnya 40; 40; 20.');
  if (!PERCENT.test(v.stageAccountedPercent.trim())) bad('stageAccountedPercent', 'Isi persen, misalnya 75.');
  const spjDueDay = /^\d{1,2}$/.test(v.spjDueDay.trim()) ? Number(v.spjDueDay.trim()) : NaN;
  if (!(spjDueDay >= 1 && spjDueDay <= 28)) bad('spjDueDay', 'Tanggal 1 sampai 28.');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v.finalReportDue.trim())) bad('finalReportDue', 'Tanggal dengan format TTTT-BB-HH.');
  const gates = Object.fromEntries(GATES.map((g) => [g, field(`gate_${g}`) !== ''])) as unknown as TrancheGateSettings;
  const rows = Math.min(MAX_ROWS, Math.max(0, Number(v.rows ?? '0') || 0));
  const categories: Category[] = [];
  for (let i = 0; i < rows; i++) {
    const code = field(`cat${i}_code`).trim().toUpperCase();
    if (!code) continue;
    const at = (k: string) => `cat${i}_${k}`;
    if (!/^[A-Z]{3}$/.test(code)) bad(at('code'), 'Kode tiga huruf, misalnya ADM.');
    const name = field(at('name')).trim();
    if (!name) bad(at('name'), 'Nama kategori wajib diisi.');
    const percent = field(at('percent')).trim();
    if (percent && !PERCENT.test(percent)) bad(at('percent'), 'Persen, misalnya 2,5; kosongkan bila tanpa batas.');
    const itemCaps = field(at('caps'))
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .map((line) => {
        const m = /^(.+?)\s*=\s*(.+)$/.exec(line);
        const amount = m ? parseRupiahIssue(m[2]!, { min: 1, max: 1_000_000_000_000 }) : 'format';
        if (!m || typeof amount === 'string') {
          bad(at('caps'), `Baris "${line.slice(0, 60)}": tulis "nama batas = jumlah", misalnya "Harga per barang = 300.000".`);
          return { label: line, maxRupiah: 0 };
        }
        return { label: m[1]!.trim(), maxRupiah: amount };
      });
    const raw = (v as Record<string, unknown>)[at('evidence')];
    const ticked = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter((x): x is string => typeof x === 'string');
    if (!ticked.length) bad(at('evidence'), 'Centang minimal satu jenis bukti (biasanya nota).');
    if (!ticked.every(isEvidenceKind)) bad(at('evidence'), 'Jenis bukti tidak dikenal.');
    categories.push({
      code,
      name,
      description: field(at('description')).trim(),
      maxPercentOfAllocation: percent ? percentOf(percent) : null,
      itemCaps,
      evidence: ticked.filter(isEvidenceKind) as EvidenceKind[],
    });
  }
  if (!categories.length) bad('categories', 'Minimal satu kategori belanja.');
  const plainWords: ForbiddenKeyword[] = (v.forbiddenWords ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line) => {
      const m = /^(.+?)\s*=\s*(.+)$/.exec(line);
      if (!m) bad('forbiddenWords', `Baris "${line.slice(0, 60)}": tulis "kata = alasan", misalnya "rokok = keperluan pribadi".`);
      return { keyword: (m?.[1] ?? line).trim(), reason: (m?.[2] ?? '').trim() };
    });
  const holidays: string[] = [];
  for (const line of (v.holidays ?? '').split('\n').map((l) => l.trim()).filter(Boolean)) {
    const m = /^(\d{4}-\d{2}-\d{2})(\s.*)?$/.exec(line);
    if (m) holidays.push(m[1]!);
    else bad('holidays', `Baris "${line.slice(0, 40)}": tulis satu tanggal TTTT-BB-HH per baris, misalnya 2026-08-17.`);
  }
  // The steps ticked, put in the chain's one order; the treasurer's verification cannot be left out.
  const rawSteps = (v as Record<string, unknown>).approvalSteps;
  const ticked = (Array.isArray(rawSteps) ? rawSteps : rawSteps === undefined ? [] : [rawSteps]).filter((x): x is string => typeof x === 'string');
  const known = APPROVAL_STEP_CODES as readonly string[];
  if (!ticked.every((t) => known.includes(t)) || ticked.length > known.length) bad('approvalSteps', 'Langkah persetujuan tidak dikenal.');
  else if (!ticked.includes('verify')) bad('approvalSteps', 'Verifikasi bendahara kelurahan selalu langkah pertama dan tidak dapat dihapus.');
  const approvalSteps = APPROVAL_STEP_CODES.filter((c) => ticked.includes(c));
  let other: Record<string, unknown> = {};
  const otherText = (v.otherSettings ?? '').trim();
  if (otherText) {
    try {
      const parsed: unknown = JSON.parse(otherText);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      other = parsed as Record<string, unknown>;
      const misplaced = Object.keys(other).filter((k) => NOT_SETTINGS.has(k) || (FORM_FIELDS as readonly string[]).includes(k));
      if (misplaced.length) bad('otherSettings', `Atur ${misplaced.join(', ')} lewat isian di atas, bukan di sini.`);
    } catch {
      bad('otherSettings', 'Bukan JSON objek yang sah, misalnya { "nama": nilai }.');
    }
  }
  return {
    allocationPerGrantee,
    disbursementMode: v.disbursementMode,
    stagePercents: stageTexts.map(percentOf),
    stageAccountedPercent: percentOf(v.stageAccountedPercent),
    spjDueDay,
    finalReportDue: v.finalReportDue.trim(),
    meteraiThreshold: money('meteraiThreshold', 'Batas meterai'),
    forbiddenMode: v.forbiddenMode,
    gates,
    categories,
    holidays: [...new Set(holidays)].sort(),
    programmes: parseProgrammes(field, bad),
    approvalSteps,
    plainWords,
    other,
  };
}

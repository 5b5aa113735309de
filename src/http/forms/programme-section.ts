/**
 * The settings page's section for programmes besides the RT/RW grant (e.g. PKK RT/RW, Perwal
 * 47/2025): one block of fields per programme (prog0_…, prog1_…) and a blank one to add another.
 * Categories are one line each: "KODE | Nama | batas % | batas item | bukti", e.g.
 * "LAT | Pelatihan | | Honor pelatih = 500.000 | nota, foto_kegiatan, daftar_hadir".
 * The domain (validateProgrammeYear) checks codes, amounts and caps; this only reads the fields.
 */
import { isEvidenceKind, type EvidenceKind } from '../../domain/grants/evidence-kinds';
import type { Category, GranteeKind, ProgrammeSection, ProgrammeYear } from '../../domain/grants/programme-year';
import { parseRupiahIssue } from './rupiah';

const MAX_PROGRAMMES = 6;
const rp = (n: number) => n.toLocaleString('id-ID');
const KINDS: GranteeKind[] = ['rt', 'rw'];

const categoryLine = (c: Category) =>
  [c.code, c.name, (c.maxPercentOfAllocation ?? '').replace('.', ','), c.itemCaps.map((cap) => `${cap.label} = ${rp(cap.maxRupiah)}`).join('; '), (c.evidence ?? ['nota']).join(', ')].join(' | ');

/** The flat form values of the year's programme sections (plus the number of blocks, one spare). */
export function programmeFormValues(y: Pick<ProgrammeYear, 'programmes'>): Record<string, string> {
  const list = y.programmes ?? [];
  const v: Record<string, string> = { progRows: String(Math.min(MAX_PROGRAMMES, list.length + 1)) };
  list.forEach((p, j) => {
    v[`prog${j}_code`] = p.code;
    v[`prog${j}_name`] = p.name;
    v[`prog${j}_basis`] = p.legalBasis;
    for (const k of p.granteeKinds) {
      v[`prog${j}_${k.kind}Label`] = k.label;
      v[`prog${j}_${k.kind}Amount`] = rp(k.allocationRupiah);
    }
    v[`prog${j}_categories`] = p.categories.map(categoryLine).join('\n');
  });
  return v;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
/**
 * A textarea's text as HTML with its line breaks as &#10;: Handlebars indents every output line of
 * an indented partial, which would put spaces before each category line in the box.
 */
const textareaHtml = (s: string) => escapeHtml(s).replace(/\r?\n/g, '&#10;');

/** What the template loops over: one block per programme, with its field errors. */
export function programmeFormView(values: Record<string, unknown>, errors: Record<string, string> = {}) {
  const str = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : '');
  const rows = Math.min(MAX_PROGRAMMES, Math.max(1, Number(str('progRows')) || 1));
  const fields = ['code', 'name', 'basis', 'rtLabel', 'rtAmount', 'rwLabel', 'rwAmount', 'categories'];
  return {
    progRows: String(rows),
    programmeRows: Array.from({ length: rows }, (_, j) => ({
      j,
      ...Object.fromEntries(fields.map((f) => [f, str(`prog${j}_${f}`)])),
      categoriesHtml: textareaHtml(str(`prog${j}_categories`)),
      rowErrors: Object.fromEntries(fields.flatMap((f) => (errors[`prog${j}_${f}`] ? [[f, errors[`prog${j}_${f}`]]] : []))),
    })),
  };
}

/**
 * The programme sections typed (a block without a code is skipped: the spare one left blank).
 * `bad` reports a field's problem; forbidden uses and keywords are kept from the year (mergeProgrammes).
 */
export function parseProgrammes(field: (k: string) => string, bad: (path: string, message: string) => void): ProgrammeSection[] {
  const rows = Math.min(MAX_PROGRAMMES, Math.max(0, Number(field('progRows')) || 0));
  const out: ProgrammeSection[] = [];
  for (let j = 0; j < rows; j++) {
    const at = (k: string) => `prog${j}_${k}`;
    const code = field(at('code')).trim().toUpperCase();
    if (!code) continue;
    if (!/^[A-Z]{2,6}$/.test(code)) bad(at('code'), 'Kode 2–6 huruf, misalnya PKK.');
    const granteeKinds: ProgrammeSection['granteeKinds'] = [];
    for (const kind of KINDS) {
      const amountText = field(at(`${kind}Amount`)).trim();
      if (!amountText) continue;
      const amount = parseRupiahIssue(amountText, { min: 1, max: 1_000_000_000_000 });
      if (typeof amount === 'string') bad(at(`${kind}Amount`), `Alokasi: ${amount}`);
      const label = field(at(`${kind}Label`)).trim() || `${code} ${kind.toUpperCase()}`;
      granteeKinds.push({ kind, label, allocationRupiah: typeof amount === 'number' ? amount : 0 });
    }
    if (!granteeKinds.length) bad(at('rtAmount'), 'Isi alokasi untuk minimal satu jenis penerima (tingkat RT atau RW).');
    const categories: Category[] = [];
    for (const line of field(at('categories')).split('\n').map((l) => l.trim()).filter(Boolean)) {
      const [c = '', name = '', percent = '', caps = '', evidence = ''] = line.split('|').map((x) => x.trim());
      const problem = (m: string) => bad(at('categories'), `Baris "${line.slice(0, 60)}": ${m}`);
      if (!/^[A-Za-z]{3}$/.test(c)) problem('kode kategori tiga huruf.');
      if (percent && !/^\d{1,3}([.,]\d{1,2})?$/.test(percent)) problem('batas persen seperti 2,5, atau kosong.');
      const itemCaps = caps
        .split(';')
        .map((x) => x.trim())
        .filter(Boolean)
        .map((cap) => {
          const m = /^(.+?)\s*=\s*(.+)$/.exec(cap);
          const amount = m ? parseRupiahIssue(m[2]!, { min: 1, max: 1_000_000_000_000 }) : 'format';
          if (!m || typeof amount === 'string') problem('batas item "nama = jumlah", misalnya "Honor pelatih = 500.000".');
          return { label: m?.[1]?.trim() ?? cap, maxRupiah: typeof amount === 'number' ? amount : 0 };
        });
      const kinds = (evidence || 'nota').split(',').map((x) => x.trim()).filter(Boolean);
      if (!kinds.every(isEvidenceKind)) problem('jenis bukti yang dikenal: nota, foto_barang, foto_kegiatan, daftar_hadir, undangan, notulen.');
      categories.push({ code: c.toUpperCase(), name, description: '', maxPercentOfAllocation: percent ? percent.replace(',', '.') : null, itemCaps, evidence: kinds.filter(isEvidenceKind) as EvidenceKind[] });
    }
    if (!categories.length) bad(at('categories'), 'Minimal satu kategori belanja.');
    out.push({ code, name: field(at('name')).trim(), legalBasis: field(at('basis')).trim(), granteeKinds, categories });
  }
  return out;
}

/** The sections typed, each keeping what the form does not show (forbidden uses and keywords, category descriptions) from the year's section of the same code. */
export function mergeProgrammes(y: Pick<ProgrammeYear, 'programmes'>, typed: readonly ProgrammeSection[]): ProgrammeSection[] {
  return typed.map((p) => {
    const was = (y.programmes ?? []).find((q) => q.code === p.code);
    if (!was) return p;
    const categories = p.categories.map((c) => ({ ...c, description: was.categories.find((x) => x.code === c.code)?.description ?? c.description }));
    return { ...p, categories, ...(was.forbiddenUses ? { forbiddenUses: was.forbiddenUses } : {}), ...(was.forbiddenKeywords ? { forbiddenKeywords: was.forbiddenKeywords } : {}) };
  });
}

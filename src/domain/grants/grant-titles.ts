/**
 * How a document names the grant it accounts for: the words after "BUKU KAS UMUM (BKU)",
 * "SURAT PERTANGGUNGJAWABAN (SPJ)", "LAPORAN PERTANGGUNGJAWABAN (LPJ)", "LAPORAN TAHUNAN".
 *
 * Invariants:
 * - a document of the RT/RW grant (OPS) keeps the words it has carried since 2025 ("DANA
 *   OPERASIONAL RT", "… RW" for an RW's own books): an RT's documents never change here;
 * - a document of another programme's grantee names that programme by its name in the year's
 *   settings ("BANTUAN OPERASIONAL PKK RT/RW"), never the RT grant's words; one place holds the
 *   names (the year's `programmes`, programmesOf), none is copied here;
 * - a document covering several programmes names each of them ("BANTUAN OPERASIONAL RT/RW DAN
 *   BANTUAN OPERASIONAL PKK RT/RW"); with the RT/RW grant alone it keeps the RT/RW grant's title.
 */
import { programmesOf } from './programmes';
import { isMainProgramme, MAIN_PROGRAMME_NAME, type GranteeKind, type ProgrammeYear } from './programme-year';

type Programmes = Pick<ProgrammeYear, 'programmes'> | undefined;

/** The RT/RW grant's own words, as its documents have always printed them. */
const mainWords = (kind: GranteeKind) => `Dana Operasional ${kind === 'rw' ? 'RW' : 'RT'}`;

/** The programme's name as the year's settings hold it (its code when the year does not configure it). */
function nameOf(y: Programmes, code: string): string {
  if (isMainProgramme(code)) return MAIN_PROGRAMME_NAME;
  return (y ? programmesOf(y) : []).find((p) => p.code === code)?.name ?? code;
}

/** A grantee's grant as a sentence names it: "Dana Operasional RT" (OPS), "Bantuan Operasional PKK RT/RW". */
export function grantNameOf(y: Programmes, code: string, kind: GranteeKind): string {
  return isMainProgramme(code) ? mainWords(kind) : nameOf(y, code);
}

/** A grantee's grant as a title names it: "DANA OPERASIONAL RT", "BANTUAN OPERASIONAL PKK RT/RW". */
export const grantTitleOf = (y: Programmes, code: string, kind: GranteeKind): string => grantNameOf(y, code, kind).toUpperCase();

/**
 * The grants of a document covering several grantees (the kelurahan LPJ, the statement):
 * "Dana Operasional RT" when only the RT/RW grant is there (its words as always), the programme's
 * name when only one other is, else every programme's name, the RT/RW grant first ("Bantuan
 * Operasional RT/RW dan Bantuan Operasional PKK RT/RW").
 */
export function grantsNameOf(y: Programmes, codes: Iterable<string>): string {
  const present = new Set([...codes].map((c) => (isMainProgramme(c) ? 'OPS' : c)));
  if (onlyMain(present)) return mainWords('rt');
  const listed = y ? programmesOf(y).map((p) => p.code) : [];
  const names = [...present].sort((a, b) => rank(listed, a) - rank(listed, b) || a.localeCompare(b)).map((c) => nameOf(y, c));
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} dan ${names.at(-1)}`;
}

/** grantsNameOf in capitals, as a title: "DANA OPERASIONAL RT", "BANTUAN OPERASIONAL RT/RW DAN BANTUAN OPERASIONAL PKK RT/RW". */
export const grantsTitleOf = (y: Programmes, codes: Iterable<string>): string => grantsNameOf(y, codes).toUpperCase();

/** Whether the programmes present are the RT/RW grant alone (or none): its documents keep their words. */
export const onlyMain = (codes: Iterable<string>): boolean => [...codes].every((c) => isMainProgramme(c));

/** OPS first, then the year's order; a code the year does not list last. */
const rank = (listed: string[], code: string) => (code === 'OPS' ? -1 : listed.includes(code) ? listed.indexOf(code) : listed.length);

import type { TrailDocument, TrailPlan } from '../../domain/grants/dossier-trail';
/** Annual plans (RAP) and their lines. */
import type { PlanLine, PlanStatus } from '../../domain/grants/plan';

/** One version of an RT's plan for a year. */
export interface PlanRow {
  id: number;
  rtId: number;
  year: number;
  version: number;
  status: PlanStatus;
  /** The evidence file of the signed berita acara (minutes of the residents' meeting). */
  beritaAcaraSha256: string | null;
  beritaAcaraName: string | null;
  total: number;
  submittedBy: number | null;
  submittedAt: string | null;
  decidedBy: number | null;
  decidedAt: string | null;
  note: string | null;
  /** Why a revision changes the approved plan (null for a first plan). */
  revisionReason: string | null;
  /** JSON: what the dossier had to hold when the plan was submitted (kind → minimum files); null before. */
  dossierRequired: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface NewPlan {
  rtId: number;
  year: number;
  version: number;
  status: PlanStatus;
  now: string;
}

/** A submitted plan in the bendahara's queue, with its RT's numbers. */
export interface SubmittedPlan {
  plan: PlanRow;
  rtNumber: number;
  rwNumber: number;
}

/** One file of a plan's dossier (src/domain/grants/dossier.ts), still in force unless withdrawn. */
export interface PlanDocumentRow {
  id: number;
  planId: number;
  kind: string;
  sha256: string;
  originalName: string;
  uploadedBy: number | null;
  uploadedAt: string;
  withdrawnBy: number | null;
  withdrawnAt: string | null;
}

/** A submitted (or decided) plan as verify judges its dossier: what was required and what it holds. */
export interface PlanDossierFacts {
  planId: number;
  rtId: number;
  status: PlanStatus;
  dossierRequired: string;
  /** kind → files in force (the berita acara and the RAP's lines counted as theirs). */
  counts: Map<string, number>;
}

export interface ApprovedPlanTotal {
  total: number;
  decidedAt: string | null;
}

export interface PlanStore {
  /** Every version of an RT's plan for a year, newest first. */
  versions(rtId: number, year: number): PlanRow[];
  find(id: number): PlanRow | undefined;
  lines(planId: number): PlanLine[];
  insert(row: NewPlan): number;
  /** Replaces the lines of a plan that is still a draft or returned (never of a submitted or approved one). */
  replaceLines(planId: number, lines: readonly PlanLine[], now: string): void;
  update(id: number, fields: Partial<Omit<PlanRow, 'id' | 'rtId' | 'year' | 'version'>>): void;
  /** The approved plan of an RT for a year, if any. */
  approved(rtId: number, year: number): PlanRow | undefined;
  /** The approved plan of every RT of a kelurahan in a year (one read for a whole LPJ), by RT id. */
  approvedOfKelurahan(kelurahanCode: string, year: number): Map<number, ApprovedPlanTotal>;
  /** Submitted plans of a kelurahan (the bendahara's queue), oldest first. */
  submittedOfKelurahan(kelurahanCode: string, year?: number): SubmittedPlan[];
  /** Planned amount per category of the RT's approved plan. */
  plannedByCategory(rtId: number, year: number): Map<string, number>;
  /** The same, or null when the RT has no approved plan for the year (one read, on every receipt). */
  approvedLines(rtId: number, year: number): Map<string, number> | null;
  /** Latest plan status per RT of a kelurahan. */
  latestStatusOfKelurahan(kelurahanCode: string, year: number): Map<number, PlanStatus>;
  countPending(year: number, kelurahanCodes: string[] | null): number;
  /** The RTs whose plans use an evidence file (as their berita acara or a dossier file). */
  referencesFile(sha256: string): Array<{ rtId: number }>;
  /** The dossier files of a plan in force (not withdrawn), in upload order. */
  documents(planId: number): PlanDocumentRow[];
  findDocument(id: number): PlanDocumentRow | undefined;
  addDocument(row: { planId: number; kind: string; sha256: string; originalName: string; uploadedBy: number | null; now: string }): number;
  withdrawDocument(id: number, by: number | null, now: string): void;
  /** Every submitted, approved or superseded plan submitted with a dossier requirement, with its files per kind. */
  dossierFacts(): PlanDossierFacts[];
  /**
   * Submitted plans (any status past draft and returned) with no recorded dossier requirement,
   * each with whether migration 0028 listed it as submitted before the dossier was asked for.
   */
  unrecordedDossiers(): Array<{ planId: number; rtId: number; status: PlanStatus; listed: boolean }>;
  /** Every plan (id, RT, berita acara) and every dossier row, withdrawn too: what dossier-trail.ts holds against the audit log. */
  dossierTrail(): { plans: TrailPlan[]; docs: TrailDocument[] };
}

/** The RT's receipts and SPJ page, and the bendahara's review page. */
import { can, RT_ROLES, type Actor } from '../domain/access';
import { formatTanggal, todayWib } from '../domain/calendar';

const tanggalOf = (iso: string) => formatTanggal(todayWib(new Date(iso)));
import { checklistFor, EVIDENCE_KINDS, RECEIPT_STATUS_LABELS, type ReceiptFlag, type ReceiptStatus } from '../domain/grants/receipt';
import { SPJ_STATUS_LABELS } from '../domain/grants/spj';
import { periodLabel } from '../domain/grants/tranche';
import { granteeLabel } from '../domain/registry/rows';
import type { ReceiptRow } from './ports';
import type { Badge } from '../reports/status-badges';
import { historyOf } from './read-history';
import { categoriesOfEveryProgramme } from '../domain/grants/programmes';
import { decidable, decisionBarsFor, chairWords, granteeLabels, kelurahanInScope, rtInScope, yearOfGrantee, yearOfRt, yearOrThrow } from './scope';
import type { Services } from './services';
import { closesMonth, lastReportedMonth } from '../domain/grants/reported-months';
import { spjBook, spjSchedule } from './spj';
import { cashAvailableFor } from './cash-facts';
import { yearOpenFor } from '../domain/grants/year-window';
import { isInsideYear } from '../domain/grants/programme-year';
import { planVersusActual } from './read-plans';
import { planStandingOf } from './plan-line-facts';
import { flagInWords } from '../domain/grants/plan-line';

const RECEIPT_TONE: Record<ReceiptStatus, string> = { pending: 'warn', verified: 'ok', returned: 'bad', rejected: 'bad', reversed: 'muted' };
export const receiptBadge = (st: ReceiptStatus): Badge => ({ label: RECEIPT_STATUS_LABELS[st], tone: RECEIPT_TONE[st] });

export function receiptView(s: Services, r: ReceiptRow, categoryName: (c: string) => string) {
  return {
    ...r,
    badge: receiptBadge(r.status),
    categoryName: categoryName(r.category),
    // Worded with the year's category names (plan-line.ts flagInWords); the stored flags stay as recorded.
    flagList: (JSON.parse(r.flags) as ReceiptFlag[]).map((f) => flagInWords(f, categoryName)),
    items: s.receipts.items(r.id),
    files: s.receipts.files(r.id).map((f) => ({ ...f, kindLabel: EVIDENCE_KINDS[f.kind as keyof typeof EVIDENCE_KINDS] ?? f.kind, mime: s.evidenceFiles.find(f.sha256)?.mime ?? '' })).map((f) => ({ ...f, isImage: f.mime.startsWith('image/'), isPdf: f.mime === 'application/pdf' })),
  };
}

/** A flag as a page shows it: with a link to the other receipt when the reader's scope holds it. */
export type FlagView = ReceiptFlag & { href?: string; otherLabel?: string };

/**
 * A chair sees that a nota was flagged, not which receipt (possibly another RT's) it matches, and
 * never a similar-photo flag. Any other reader gets a link to the receipt a flag names only when
 * that receipt lies in the reader's scope; otherwise it is only said to lie outside it.
 */
export function withFlagsFor<T extends { id: number; flagList: ReceiptFlag[] }>(s: Services, actor: Actor, view: T): T & { flagList: FlagView[] } {
  if (actor.role !== 'system' && RT_ROLES.includes(actor.role)) {
    return {
      ...view,
      flagList: view.flagList
        .filter((f) => f.code !== 'similar_photo')
        .map((f) => (f.code === 'possible_duplicate' ? { ...f, message: 'Ditandai untuk diperiksa kelurahan: nota serupa sudah pernah dicatat.', receiptId: 0 } : f)),
    };
  }
  return { ...view, flagList: view.flagList.map((f): FlagView => (f.code === 'similar_photo' || f.code === 'possible_duplicate' ? { ...f, ...linkTo(s, actor, view.id, f.receiptId) } : f)) };
}

/** The flag's link opens both receipts side by side (read-comparison.ts). */
function linkTo(s: Services, actor: Actor, ownId: number, receiptId: number): { href?: string; otherLabel: string } {
  const other = s.receipts.find(receiptId);
  const rt = other ? s.registry.findRt(other.rtId) : undefined;
  if (!other || !rt || !can(actor, 'rt.view', { kecamatanCode: rt.kecamatanCode, kelurahanCode: rt.kelurahanCode, rtId: rt.id })) return { otherLabel: 'kuitansi di luar wilayah Anda' };
  return { href: `/kuitansi/${ownId}/banding/${other.id}`, otherLabel: `kuitansi #${other.id} (${granteeLabel(rt)} Kel. ${rt.kelurahanName})` };
}

export interface ReceiptFormValues {
  date?: string;
  category?: string;
  description?: string;
  vendor?: string;
  notaNumber?: string;
  amount?: string;
  items?: Array<{ name: string; quantity: string; unitPrice: string }>;
}

export interface ReceiptListFilter {
  status?: string;
  month?: string;
  category?: string;
}

export function readReceiptPage(s: Services, actor: Actor, rtId: number, year: number, values: ReceiptFormValues = {}, filter: ReceiptListFilter = {}) {
  const rt = rtInScope(s, actor, 'rt.view', rtId);
  const y = yearOfGrantee(s, rt, year);
  const scope = { kecamatanCode: rt.kecamatanCode, kelurahanCode: rt.kelurahanCode, rtId: rt.id };
  const money = s.balances.ofRt(y.year, rt.id);
  const held = s.receipts.heldBack(rt.id, y.year);
  const catName = (c: string) => y.categories.find((x) => x.code === c)?.name ?? c;
  const rows = s.receipts.ofRt(rt.id, y.year);
  // The list shown may be narrowed; the SPJ months below always count every receipt.
  const filtered = filter.status || filter.month || filter.category;
  const shown = filtered ? s.receipts.ofRt(rt.id, y.year, filter) : rows;
  const history = historyOf(s, 'receipt', shown.map((r) => r.id));
  const today = todayWib(s.now());
  const canRecord = can(actor, 'receipt.record', scope) && yearOpenFor(y, s.tranches.isClosed(y.year, rt.kelurahanCode)) && isInsideYear(y, today);
  const schedule = spjSchedule(s, rt.id, y.year);
  const lastReported = lastReportedMonth(schedule.flatMap((m) => (m.report ? [m.report] : [])));
  const items = values.items ?? [];
  const barNote = decisionBarsFor(s, actor)(rt.id);
  return {
    rt,
    label: granteeLabel(rt),
    year: y,
    money: { ...money, reserved: held.pending + held.returned, unpaid: money.transit, available: Math.max(0, cashAvailableFor(s, rt.id, y.year)) },
    listFilter: {
      ...filter,
      filtered: !!filtered,
      total: rows.length,
      statusChoices: Object.entries(RECEIPT_STATUS_LABELS).map(([code, label]) => ({ code, label, selected: code === filter.status })),
      categoryChoices: y.categories.map((c) => ({ code: c.code, name: c.name, selected: c.code === filter.category })),
    },
    receipts: shown.map((r) => ({
      ...withFlagsFor(s, actor, receiptView(s, r, catName)),
      history: history.filter((h) => h.targetId === String(r.id)),
      canResubmit: canRecord && r.status === 'returned',
      ...decidable(can(actor, 'receipt.decide', scope) && r.status === 'pending' && r.submittedBy !== actor.userId, barNote),
      canReverse: can(actor, 'receipt.reverse', scope) && r.status === 'verified' && barNote === null,
      // Issue 20: the treasurer decides which of its photos the public pages show.
      canPhotoPublicity: can(actor, 'photo.publicity', scope),
    })),
    categories: y.categories.map((c) => ({
      code: c.code,
      name: c.name,
      selected: c.code === values.category,
      checklist: checklistFor(y, c.code).map((k) => EVIDENCE_KINDS[k]).join(', '),
      /** The checklist's kinds, for the form's script (receipt-form.js) to show and check before upload. */
      evidence: checklistFor(y, c.code).join(' '),
      caps: c.itemCaps.map((cap) => `${cap.label} ≤ Rp${cap.maxRupiah.toLocaleString('id-ID')}`).join('; '),
    })),
    values: { date: values.date ?? todayWib(s.now()), ...values },
    itemRows: [...items, ...Array.from({ length: Math.max(1, 3 - items.length) }, () => ({ name: '', quantity: '', unitPrice: '' }))],
    meteraiThreshold: y.meteraiThreshold,
    vsActual: planVersusActual(s, rt.id, y.year),
    canRecord,
    booksClosedThrough: lastReported ? { month: lastReported, label: periodLabel('monthly', lastReported) } : null,
    spj: schedule.map((m, i) => {
      // SPJs go in month order: a month is offered once every earlier month is sent.
      const earlierUnsent = schedule.slice(0, i).some((e) => !e.report || !closesMonth(e.report.status));
      const open = rows.filter((r) => r.date.slice(0, 7) === m.month && (r.status === 'pending' || r.status === 'returned'));
      const sendable = !m.report || m.report.status === 'returned' || m.report.status === 'withdrawn';
      return {
        ...m,
        label: periodLabel('monthly', m.month),
        badge:
          m.report && m.report.status !== 'withdrawn'
            ? { label: SPJ_STATUS_LABELS[m.report.status], tone: m.report.status === 'verified' ? 'ok' : m.report.status === 'returned' ? 'bad' : 'warn' }
            : m.daysLate > 0
              ? { label: `${SPJ_STATUS_LABELS.overdue} ${m.daysLate} hari`, tone: 'bad' }
              : { label: m.report ? SPJ_STATUS_LABELS.withdrawn : SPJ_STATUS_LABELS.missing, tone: 'info' },
        // Lateness stays on record once the report is sent.
        sentLate: m.report && !sendable && m.daysLate > 0 ? m.daysLate : 0,
        // What keeps the month from being reported, and what to do about each.
        openReceipts: sendable
          ? open.map((r) => ({ id: r.id, description: r.description, amount: r.amount, todo: r.status === 'pending' ? 'menunggu verifikasi kelurahan' : 'dikembalikan: lengkapi bukti lalu kirim ulang, atau tarik' }))
          : [],
        canSubmit: can(actor, 'spj.submit', scope) && sendable && open.length === 0 && !earlierUnsent,
        canWithdraw: can(actor, 'spj.submit', scope) && m.report?.status === 'submitted' && m.month === lastReported,
      };
    }),
    spjMonthsOpen: schedule.length === 0 && canRecord,
  };
}

export interface ReviewFilterInput {
  rtId?: number;
  month?: string;
  category?: string;
}

export function readReview(s: Services, actor: Actor, filter: ReviewFilterInput = {}) {
  const kel = kelurahanInScope(s, actor, 'queue.view', actor.kelurahanCode ?? '');
  const barOf = decisionBarsFor(s, actor);
  const years = new Map<string, ReturnType<typeof yearOrThrow>>();
  // Each receipt judged by its grantee's programme (a PKK group's categories and checklists).
  const yearOf = (rtId: number, y: number) => years.get(`${rtId}:${y}`) ?? (years.set(`${rtId}:${y}`, yearOfRt(s, rtId, y)), years.get(`${rtId}:${y}`)!);
  const labelOf = granteeLabels(s);
  const chairOf = chairWords(s);
  const standings = new Map<string, ReturnType<typeof planStandingOf>>();
  const standingOf = (rtId: number, year: number) => standings.get(`${rtId}:${year}`) ?? (standings.set(`${rtId}:${year}`, planStandingOf(s, rtId, year)), standings.get(`${rtId}:${year}`)!);
  const pending = s.receipts.pendingOfKelurahan(kel.code, filter).map(({ receipt }) => {
    const y = yearOf(receipt.rtId, receipt.year);
    return {
      ...withFlagsFor(s, actor, receiptView(s, receipt, (c) => y.categories.find((x) => x.code === c)?.name ?? c)),
      label: labelOf(receipt.rtId),
      chair: chairOf(receipt.rtId),
      ...decidable(receipt.submittedBy !== actor.userId, barOf(receipt.rtId)),
      cash: s.balances.ofRt(receipt.year, receipt.rtId).cash,
      // The receipt's category against the approved plan (this receipt is among the held).
      planLine: standingOf(receipt.rtId, receipt.year).find((c) => c.code === receipt.category) ?? null,
      // Return reasons are picked from what the category asks for (plus free text).
      checklist: checklistFor(y, receipt.category).map((kind) => ({ kind, label: EVIDENCE_KINDS[kind] })),
    };
  }).map((item, i, all) => ({ ...item, nextId: all[i + 1]?.id ?? all[i - 1]?.id ?? null }));
  const spjs = s.years.years().flatMap((year) =>
    s.receipts.spjOfKelurahan(kel.code, year, ['submitted']).map(({ spj }) => {
      const undecided = s.receipts.inMonth(spj.rtId, spj.year, spj.month).filter((r) => r.status === 'pending' || r.status === 'returned').length;
      const { book, reconciled } = spjBook(s, spj.rtId, spj.year, spj.month);
      const bar = barOf(spj.rtId);
      // Verifying waits for the month's receipts; returning does not. Both are decisions the conflict rule bars.
      return { ...spj, label: labelOf(spj.rtId), monthLabel: periodLabel('monthly', spj.month), undecided, book, reconciled, canDecide: spj.submittedBy !== actor.userId && undecided === 0 && bar === null, canReturn: spj.submittedBy !== actor.userId && bar === null, decisionBar: spj.submittedBy !== actor.userId ? bar : null };
    }),
  );
  const current = s.years.current(todayWib(s.now()));
  const late = current
    ? s.registry.rtsOfKelurahan(kel.code).flatMap((rt) =>
        spjSchedule(s, rt.id, current.year)
          .filter((m) => m.daysLate > 0)
          .map((m) => ({
            rtId: rt.id,
            label: granteeLabel(rt),
            monthLabel: periodLabel('monthly', m.month),
            due: m.due,
            daysLate: m.daysLate,
            // Lateness stays on record after the report is sent (and after it is verified).
            state: m.report && (m.report.status === 'submitted' || m.report.status === 'verified') ? `diajukan ${tanggalOf(m.report.submittedAt)}` : 'belum diajukan',
          })),
      ).sort((a, b) => b.daysLate - a.daysLate)
    : [];
  const duplicates = s.audit
    .list({ action: 'receipt.duplicate_refused', kelurahanCode: kel.code, page: 1, pageSize: 20 })
    .rows.map((r) => {
      const after = (JSON.parse(r.summary) as { after: { fileName: string; existingReceiptId: number; existingRtId: number; existingKelurahan: string } }).after;
      const other = s.registry.findRt(after.existingRtId);
      const sameKelurahan = after.existingKelurahan === kel.code;
      // Another kelurahan's receipt is not named to this bendahara (outside its scope); the audit log keeps it for the auditor.
      if (!sameKelurahan) return { at: r.at, actorName: r.actorName, fileName: after.fileName, receiptId: null, where: 'kelurahan lain', sameKelurahan, rtId: null };
      return { at: r.at, actorName: r.actorName, fileName: after.fileName, receiptId: after.existingReceiptId, where: other ? `${granteeLabel(other)} Kel. ${other.kelurahanName}` : `RT #${after.existingRtId}`, sameKelurahan, rtId: after.existingRtId };
    });
  // The filter's choices: the kelurahan's RTs and the current year's categories (names, not codes).
  const rtChoices = s.registry.rtsOfKelurahan(kel.code).map((rt) => ({ id: rt.id, label: granteeLabel(rt), selected: rt.id === filter.rtId }));
  const categoryChoices = categoriesOfEveryProgramme(current ?? s.years.find(s.years.years().at(-1) ?? 0)).map((c) => ({ code: c.code, name: c.name, selected: c.code === filter.category }));
  const filtered = filter.rtId !== undefined || !!filter.month || !!filter.category;
  return { kelurahan: kel, pending, spjs, late, duplicates, filter: { ...filter, rtChoices, categoryChoices, filtered } };
}

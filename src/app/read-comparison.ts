/**
 * Two receipts side by side (a duplicate or similar-photo flag names the other one): both must lie
 * in the reader's scope; otherwise the page does not exist for her (404, as any receipt outside it).
 */
import { authorize, type Actor } from '../domain/access';
import { fail } from '../domain/errors';
import { EVIDENCE_KINDS, RECEIPT_STATUS_LABELS } from '../domain/grants/receipt';
import { programmeConfigured, programmeOf, programmeRules } from '../domain/grants/programme-year';
import { granteeLabel } from '../domain/registry/rows';
import type { Services } from './services';

function receiptInScope(s: Services, actor: Actor, id: number) {
  const r = s.receipts.find(id);
  const rt = r && s.registry.findRt(r.rtId);
  if (!r || !rt) throw fail('receipt_not_found');
  authorize(actor, 'rt.view', { kecamatanCode: rt.kecamatanCode, kelurahanCode: rt.kelurahanCode, rtId: rt.id });
  const found = s.years.find(r.year);
  const y = found && programmeConfigured(found, programmeOf(rt)) ? programmeRules(found, programmeOf(rt)) : found;
  const files = s.receipts.files(r.id).map((f) => {
    const mime = s.evidenceFiles.find(f.sha256)?.mime ?? '';
    return { ...f, kindLabel: EVIDENCE_KINDS[f.kind as keyof typeof EVIDENCE_KINDS] ?? f.kind, isImage: mime.startsWith('image/'), isPdf: mime === 'application/pdf' };
  });
  return {
    ...r,
    label: `${granteeLabel(rt)} Kel. ${rt.kelurahanName}`,
    href: `/rt/${rt.id}/kuitansi?tahun=${r.year}#kuitansi-${r.id}`,
    categoryName: y?.categories.find((c) => c.code === r.category)?.name ?? r.category,
    statusLabel: RECEIPT_STATUS_LABELS[r.status],
    items: s.receipts.items(r.id),
    files,
  };
}

export function readComparison(s: Services, actor: Actor, id: number, otherId: number) {
  if (id === otherId) throw fail('receipt_not_found');
  const left = receiptInScope(s, actor, id);
  const right = receiptInScope(s, actor, otherId);
  const sharedFiles = left.files.filter((f) => right.files.some((g) => g.sha256 === f.sha256)).length;
  return {
    left,
    right,
    sides: [left, right],
    sameAmount: left.amount === right.amount,
    sameNota: !!left.notaNumber && left.notaNumber === right.notaNumber,
    sameVendor: left.vendor.trim().toLowerCase() === right.vendor.trim().toLowerCase(),
    sharedFiles,
  };
}

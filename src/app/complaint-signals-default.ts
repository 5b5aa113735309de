/**
 * The default ComplaintSignals until the complaints module (aduan warga, helper 20b) is merged:
 * no complaint is ever overdue. The lead replaces it at merge (src/app/services.ts, `complaints`).
 */
import type { ComplaintSignals } from './ports';

export const noComplaintSignals: ComplaintSignals = { overdueByRt: () => [] };

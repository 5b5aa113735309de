/**
 * The operations the crash test's clients send, each recorded with what the client saw:
 * `acked` (303 to the page the form leads to), `refused` (409/422, or the review page's 303 back
 * to the same item with the message: the server said no),
 * `unknown` (the connection died with the server), or `anomaly` (anything else: a 500, a
 * lost session, a 403). An unknown operation is sent again, unchanged, after the restart.
 */
import type { Reply } from './http-client';

export type OpKind = 'tranche.request' | 'tranche.approve' | 'tranche.reverse' | 'receipt.record' | 'receipt.verify' | 'receipt.reject';
export type Outcome = 'acked' | 'refused' | 'unknown' | 'anomaly';

export interface OpRequest {
  path: string;
  form?: Record<string, string | string[]>;
  multipart?: { fields: Array<[string, string]>; files: Array<{ field: string; name: string; bytes: Buffer }> };
  /** Where the form's success redirects (303). */
  success: RegExp;
  /** Where a refusal redirects (303 with the message), for forms that answer a refusal so (the review page). */
  refused?: RegExp;
}

export interface Op {
  id: number;
  kind: OpKind;
  actor: string;
  rtId: number;
  /** The tranche or receipt decided (decisions). */
  targetId?: number;
  /** The form's one-time key (creations). */
  key?: string;
  /** A unique text the client wrote into the record, to find it again. */
  marker?: string;
  amount?: number;
  /** SHA-256 of each file sent (receipts). */
  fileShas?: string[];
  request: OpRequest;
  outcome: Outcome;
  /** Every outcome seen, in order (a retry adds one). */
  history: string[];
  /** Set once the first attempt was lost: the record may exist from that attempt. */
  wasUnknown: boolean;
}

export class OpLog {
  readonly ops: Op[] = [];
  private seq = 0;

  add(o: Omit<Op, 'id' | 'outcome' | 'history' | 'wasUnknown'>): Op {
    const op: Op = { ...o, id: ++this.seq, outcome: 'unknown', history: [], wasUnknown: false };
    this.ops.push(op);
    return op;
  }

  /** Classifies a reply; returns the outcome. */
  record(op: Op, reply: Reply): Outcome {
    let outcome: Outcome;
    if (reply.status === 'lost') outcome = 'unknown';
    else if (reply.status === 303 && op.request.success.test(reply.location)) outcome = 'acked';
    else if (reply.status === 409 || reply.status === 422 || (reply.status === 303 && op.request.refused?.test(reply.location))) outcome = 'refused';
    else outcome = 'anomaly';
    op.history.push(reply.status === 'lost' ? 'lost' : `${reply.status}${reply.status === 303 ? ` ${reply.location}` : ''}`);
    if (outcome === 'unknown') op.wasUnknown = true;
    // Once acknowledged, always acknowledged: a retry that is then refused (already decided) does not undo it.
    if (op.outcome !== 'acked') op.outcome = outcome;
    return outcome;
  }

  count(outcome: Outcome): number {
    return this.ops.filter((o) => o.outcome === outcome).length;
  }
}

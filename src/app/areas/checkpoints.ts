/**
 * Signed checkpoints as the public reads them (no sign-in): the list, its JSON, the public keys.
 * Nothing here names an RT, a bank account or a user: a checkpoint is a hash, a count, a time, a key.
 */
import { CHECKPOINT_FORMAT, checkpointText } from '../../domain/ledger/checkpoint';
import { ensureRecentCheckpoint, publicCheckpoints, publicKeysPem } from '../checkpoints';
import type { Services } from '../services';

export const PUBLIC_JSON_PAGE_SIZE = 1000;

export function checkpointsArea(s: Services) {
  return {
    /** One page of the list (newest first) and every public key. */
    page: (page: number) => publicCheckpoints(s, page),
    /** The JSON: the format, the exact text signed per checkpoint, every public key, a page of checkpoints (newest first). */
    json(page: number) {
      const p = publicCheckpoints(s, page, PUBLIC_JSON_PAGE_SIZE);
      return {
        format: CHECKPOINT_FORMAT,
        page: p.page,
        pages: p.pages,
        total: p.total,
        publicKeys: p.keys.map((k) => ({ keyId: k.keyId, createdAt: k.createdAt, retiredAt: k.retiredAt, pem: k.publicKeyPem })),
        checkpoints: p.checkpoints.map((c) => ({ ...c, signedText: checkpointText(c) })),
      };
    },
    /** Every public key ever used (PEM blocks). */
    publicKeysPem: () => publicKeysPem(s),
    /** At start and on the server's timer: the first or the daily checkpoint when due (null when not). */
    ensureRecent: () => ensureRecentCheckpoint(s),
  };
}

import type { Decision } from '../../api';
import type { StoredDecision } from '../store';

/** A stored decision as the API shows it. */
export function toApiDecision(d: StoredDecision): Decision {
  return {
    id: d.id,
    itemId: d.itemId,
    action: d.action,
    reasonCode: d.reasonCode,
    note: d.note,
    decidedAt: d.decidedAt,
    undoUntil: d.undoUntil,
    upload: d.upload,
  };
}

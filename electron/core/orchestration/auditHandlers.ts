import { ApiError, type CallName } from '../../api';
import type { Handlers } from './dispatch';

type AuditCall = Extract<CallName, `audit.${string}` | `qa.${string}` | `appeals.${string}` | `chain.${string}` | `corrections.${string}`>;

const pending = (name: string) => async (): Promise<never> => {
  throw new ApiError('internal', `${name} is declared in the contract and not built yet.`);
};

/** The audit calls (issue 11); the contract comes first, the service behind it in the next commits. */
export function createAuditHandlers(): Pick<Handlers, AuditCall> {
  return {
    'audit.download': pending('audit.download'),
    'audit.status': pending('audit.status'),
    'audit.log': pending('audit.log'),
    'audit.detail': pending('audit.detail'),
    'qa.draw': pending('qa.draw'),
    'qa.samples': pending('qa.samples'),
    'qa.sample': pending('qa.sample'),
    'qa.item': pending('qa.item'),
    'qa.record': pending('qa.record'),
    'qa.verdict': pending('qa.verdict'),
    'audit.agreement': pending('audit.agreement'),
    'appeals.list': pending('appeals.list'),
    'appeals.decide': pending('appeals.decide'),
    'chain.verify': pending('chain.verify'),
    'audit.verifyTeam': pending('audit.verifyTeam'),
    'audit.exportCsv': pending('audit.exportCsv'),
    'audit.exportPdf': pending('audit.exportPdf'),
    'audit.exportBundle': pending('audit.exportBundle'),
    'corrections.mine': pending('corrections.mine'),
    'corrections.seen': pending('corrections.seen'),
  };
}

/**
 * Which enforcement actions the menu offers: those the chosen reason code lists that are actions
 * on the platform (its report_* and preserve_evidence entries say what else the reason allows,
 * but are not applied here), and whether each acts on content or on the account.
 */
import { ACCOUNT_ACTIONS, CONTENT_ACTIONS, type EnforcementAction, type ReasonCode } from '../../electron/api';

const contentActions: ReadonlySet<string> = new Set(CONTENT_ACTIONS);
const enforcementActions: ReadonlySet<string> = new Set([...CONTENT_ACTIONS, ...ACCOUNT_ACTIONS]);

export function actionsAllowedBy(reason: ReasonCode | undefined): EnforcementAction[] {
  return (reason?.actions ?? []).filter((a): a is EnforcementAction => enforcementActions.has(a));
}

export function kindOf(action: EnforcementAction): 'content' | 'account' {
  return contentActions.has(action) ? 'content' : 'account';
}

/**
 * Audit: a supervisor's offline work on their team's log. Downloading periods (verified page by
 * page), the log's pages and histories, blind QA from reproducible samples, agreement statistics,
 * appeals, the hash chains, and exports (CSV, PDF report, signed bundle). SQL stays in the store.
 */
export { downloadPeriod, severityOf, type DownloadDeps, type DownloadProgress } from './download';
export { detail, ftsQueryOf, logPage } from './log';
export { allocate, draw, drawMembers, giveVerdict, qaItem, recordReview, sample } from './qa';
export { agreement, cohensKappa, quantile } from './agreement';
export { decideAppeal, listAppeals } from './appeals';
export { verifyOwnChain, verifyTeamChains, verifyWorkstationFile } from './chain';
export { CSV_COLUMNS, exportBundle, exportCsv, exportPdf, verifyBundle } from './exports';

import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { closeSync, createWriteStream, mkdirSync, openSync, readFileSync, writeFileSync, writeSync, existsSync } from 'node:fs';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import type { AuditFilter, AuditRow, AuditSort, ChainReport, ExportBundle, ExportFile, QaSample } from '../../api';
import type { Keychain } from '../platform';
import type { Store } from '../store';
import { agreement } from './agreement';
import { verifyOwnChain, verifyTeamChains } from './chain';
import { viewRows } from './log';
import { sample } from './qa';

/** Larger files are saved but not sent back through the API: the supervisor opens them where they were saved. */
const MAX_INLINE_BYTES = 20 * 1024 * 1024;
const SIGNING_KEY = 'audit.signingKey';
const BUNDLE_FILES = {
  csv: 'team-log.csv',
  pdf: 'audit-report.pdf',
  manifest: 'manifest.json',
  signature: 'manifest.sig',
  publicKey: 'public-key.pem',
} as const;
const VERIFY_BUNDLE_COMMAND = 'npm run audit:verify-bundle -- <bundle folder>';

export const CSV_COLUMNS = [
  'id',
  'decidedAt',
  'moderatorId',
  'moderatorName',
  'action',
  'reasonCode',
  'category',
  'queue',
  'severity',
  'outcome',
  'handlingMs',
  'bankCategory',
  'classifierBand',
  'groomingLevel',
  'clearReveals',
  'clearMs',
  'itemId',
  'note',
] as const satisfies ReadonlyArray<keyof AuditRow>;

/** RFC 4180: a field with a comma, quote, CR or LF is quoted and its quotes doubled; null is an empty field. */
function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const csvLine = (fields: ReadonlyArray<string | number | null>): string => `${fields.map(csvField).join(',')}\r\n`;

const stamp = (now: string) => now.replace(/[:.]/g, '-');

function fileInfo(file: string, mimeType: string): ExportFile {
  const bytes = readFileSync(file);
  return {
    fileName: path.basename(file),
    mimeType,
    savedTo: file,
    bytes: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    base64: bytes.length <= MAX_INLINE_BYTES ? bytes.toString('base64') : null,
  };
}

function writeCsv(store: Store, file: string, filter: AuditFilter, sort: AuditSort): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, csvLine(CSV_COLUMNS));
    let buffered = '';
    for (const row of viewRows(store, filter, sort)) {
      buffered += csvLine(CSV_COLUMNS.map((c) => row[c]));
      if (buffered.length > 1 << 20) {
        writeSync(fd, buffered);
        buffered = '';
      }
    }
    writeSync(fd, buffered);
  } finally {
    closeSync(fd);
  }
}

export function exportCsv(store: Store, dir: string, view: { filter: AuditFilter; sort: AuditSort }, now: string): ExportFile {
  const file = path.join(dir, `${stamp(now)}-team-log.csv`);
  writeCsv(store, file, view.filter, view.sort);
  return fileInfo(file, 'text/csv');
}

const percent = (v: number | null) => (v === null ? '–' : `${(v * 100).toFixed(1)} %`);
const kappa = (v: number | null) => (v === null ? '–' : v.toFixed(2));
const seconds = (v: number | null) => (v === null ? '–' : `${(v / 1000).toFixed(1)} s`);

export interface ReportContent {
  team: string;
  periods: string[];
  generatedAt: string;
  workstationId: string;
  decisions: number;
  sample: (QaSample & { findings: Array<{ decisionId: string; moderator: string; original: string; qa: string; reason: string }> }) | null;
  agreement: ReturnType<typeof agreement>;
  ownChain: ChainReport;
  teamChain: ChainReport;
}

function chainLine(label: string, r: ChainReport): string {
  if (r.ok) return `${label}: intact, ${r.checked} records${r.head ? `, head seq ${r.head.seq} ${r.head.hash}` : ''}`;
  const b = r.firstBreak!;
  return `${label}: BROKEN at record ${b.recordId || '(missing)'} (workstation ${b.workstationId}, position ${b.position}, ${b.problem}): expected ${b.expected}, found ${b.found}`;
}

/** The PDF audit report: period, sample and findings, agreement with kappa, and the chain heads. */
function writeReportPdf(content: ReportContent, file: string): Promise<void> {
  mkdirSync(path.dirname(file), { recursive: true });
  const doc = new PDFDocument({ size: 'A4', margin: 48, info: { Title: `Audit report: ${content.team}`, Author: 'Moderator workstation' } });
  const done = new Promise<void>((resolve, reject) => {
    const out = createWriteStream(file);
    out.on('finish', resolve);
    out.on('error', reject);
    doc.pipe(out);
  });
  const heading = (text: string) => doc.moveDown(0.8).font('Helvetica-Bold').fontSize(13).text(text).moveDown(0.3).font('Helvetica').fontSize(10);
  const table = (columns: Array<{ title: string; width: number }>, rows: string[][]) => {
    const left = doc.page.margins.left;
    const line = (cells: string[], bold: boolean) => {
      if (doc.y > doc.page.height - doc.page.margins.bottom - 20) doc.addPage();
      const y = doc.y;
      let x = left;
      doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
      cells.forEach((cell, i) => {
        doc.text(cell, x, y, { width: columns[i]!.width - 6, lineBreak: false, ellipsis: true });
        x += columns[i]!.width;
      });
      doc.x = left;
      doc.y = y + 14;
    };
    line(
      columns.map((c) => c.title),
      true,
    );
    for (const row of rows) line(row, false);
    doc.font('Helvetica').fontSize(10);
  };

  doc.font('Helvetica-Bold').fontSize(18).text('Team audit report');
  doc.font('Helvetica').fontSize(10).moveDown(0.3);
  doc.text(`Team: ${content.team}`);
  doc.text(`Period: ${content.periods.length === 0 ? 'nothing downloaded' : content.periods.join('; ')}`);
  doc.text(`Decisions in the log: ${content.decisions}`);
  doc.text(`Generated ${content.generatedAt} on workstation ${content.workstationId}`);

  heading('Agreement with QA');
  const o = content.agreement.overall;
  doc.text(
    `Reviewed by QA: ${o.reviewed}. Accuracy ${percent(o.accuracy)}. Cohen's kappa on the action ${kappa(o.kappaAction)}, on the reason code ${kappa(o.kappaReason)}.`,
  );
  doc.moveDown(0.4);
  table(
    [
      { title: 'Moderator', width: 130 },
      { title: 'Decisions', width: 60 },
      { title: 'QA', width: 45 },
      { title: 'Accuracy', width: 60 },
      { title: 'Kappa action', width: 70 },
      { title: 'Kappa reason', width: 70 },
      { title: 'Median time', width: 65 },
    ],
    content.agreement.byModerator.map((m) => [
      m.moderatorName,
      String(m.decisions),
      String(m.reviewed),
      percent(m.accuracy),
      kappa(m.kappaAction),
      kappa(m.kappaReason),
      seconds(m.medianHandlingMs),
    ]),
  );

  heading('QA sample and findings');
  const s = content.sample;
  if (!s) doc.text('No QA sample has been drawn on this workstation.');
  else {
    const done = s.items.filter((i) => i.state === 'done');
    doc.text(`Sample ${s.id}: seed ${s.seed}, ${s.mode}${s.stratifyBy ? ` by ${s.stratifyBy}` : ''}, ${s.size} decisions drawn ${s.createdAt}.`);
    doc.text(
      `Verdicts given: ${done.length}; agreed ${done.filter((i) => i.verdict === 'agree').length}; overturned ${done.filter((i) => i.verdict === 'overturn').length}.`,
    );
    doc.moveDown(0.4);
    if (s.findings.length === 0) doc.text('No decision of the sample was overturned.');
    else
      table(
        [
          { title: 'Decision', width: 110 },
          { title: 'Moderator', width: 95 },
          { title: 'Original', width: 80 },
          { title: 'QA', width: 80 },
          { title: 'Reason', width: 135 },
        ],
        s.findings.slice(0, 40).map((f) => [f.decisionId, f.moderator, f.original, f.qa, f.reason]),
      );
  }

  heading('Tamper evidence');
  doc.text(chainLine("This workstation's decision chain", content.ownChain));
  doc.moveDown(0.3);
  doc.text(chainLine(`Downloaded team records (${content.teamChain.workstations} workstations)`, content.teamChain));
  doc.end();
  return done;
}

function reportContent(store: Store, sampleId: string | undefined, filter: AuditFilter, now: string): ReportContent {
  const team = store.auditTeam();
  const chosen = sampleId ?? store.qaSamples()[0]?.id;
  const names = new Map((team?.members ?? []).map((m) => [m.id, m.displayName]));
  let reportSample: ReportContent['sample'] = null;
  if (chosen !== undefined) {
    const s = sample(store, chosen);
    const overturned = store.qaSampleItems(chosen).filter((i) => i.verdict === 'overturn');
    reportSample = {
      ...s,
      findings: overturned.map((i) => {
        const d = store.teamDecision(i.decisionId);
        return {
          decisionId: i.decisionId,
          moderator: d ? (names.get(d.moderatorId) ?? d.moderatorId) : '',
          original: d ? `${d.action} ${d.reasonCode ?? ''}`.trim() : '',
          qa: `${i.reviewAction} ${i.reviewReasonCode ?? ''}`.trim(),
          reason: i.verdictReason ?? '',
        };
      }),
    };
  }
  const fromMs = filter.from === undefined ? 0 : Date.parse(filter.from);
  const toMs = filter.to === undefined ? 8.64e15 : Date.parse(filter.to);
  return {
    team: team ? `${team.name} (${team.id})` : 'no team downloaded',
    periods: store
      .auditPeriods()
      .map(
        (p) =>
          `${new Date(p.fromMs).toISOString().slice(0, 10)} to ${new Date(p.toMs).toISOString().slice(0, 10)}${p.complete ? '' : ' (incomplete)'}`,
      ),
    generatedAt: now,
    workstationId: store.chainHead().workstationId,
    decisions: store.teamDecisionCount(),
    sample: reportSample,
    agreement: agreement(store, fromMs, toMs),
    ownChain: verifyOwnChain(store),
    teamChain: verifyTeamChains(store),
  };
}

export async function exportPdf(store: Store, dir: string, input: { sampleId?: string; filter: AuditFilter }, now: string): Promise<ExportFile> {
  const file = path.join(dir, `${stamp(now)}-audit-report.pdf`);
  await writeReportPdf(reportContent(store, input.sampleId, input.filter, now), file);
  return fileInfo(file, 'application/pdf');
}

/** The workstation's Ed25519 key pair, made on first use and kept in the platform keychain. */
async function signingKey(keychain: Keychain): Promise<{ privateKey: KeyObject; publicPem: string }> {
  let pem = await keychain.get(SIGNING_KEY);
  if (pem === null) {
    pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    await keychain.set(SIGNING_KEY, pem);
  }
  const privateKey = createPrivateKey(pem);
  return { privateKey, publicPem: createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString() };
}

/**
 * A folder anyone can check without the workstation: the CSV and the PDF, a manifest of their
 * SHA-256, the manifest's Ed25519 signature (raw 64 bytes, as openssl pkeyutl -rawin reads it)
 * and the public key it verifies with.
 */
export async function exportBundle(
  store: Store,
  keychain: Keychain,
  exportsDir: string,
  input: { sampleId?: string; filter: AuditFilter },
  now: string,
): Promise<ExportBundle> {
  const dir = path.join(exportsDir, `${stamp(now)}-audit-bundle`);
  mkdirSync(dir, { recursive: true });
  const csv = path.join(dir, BUNDLE_FILES.csv);
  const pdf = path.join(dir, BUNDLE_FILES.pdf);
  writeCsv(store, csv, input.filter, { by: 'decidedAt', direction: 'asc' });
  await writeReportPdf(reportContent(store, input.sampleId, input.filter, now), pdf);
  const listed = [fileInfo(csv, 'text/csv'), fileInfo(pdf, 'application/pdf')];
  const manifest = {
    format: 'moderator-workstation-audit-bundle/1',
    createdAt: now,
    workstationId: store.chainHead().workstationId,
    team: store.auditTeam()?.id ?? null,
    files: listed.map((f) => ({ name: f.fileName, sha256: f.sha256, bytes: f.bytes })),
  };
  const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
  const { privateKey, publicPem } = await signingKey(keychain);
  writeFileSync(path.join(dir, BUNDLE_FILES.manifest), manifestBytes);
  writeFileSync(path.join(dir, BUNDLE_FILES.signature), sign(null, manifestBytes, privateKey));
  writeFileSync(path.join(dir, BUNDLE_FILES.publicKey), publicPem);
  return {
    directory: dir,
    files: [
      ...listed,
      fileInfo(path.join(dir, BUNDLE_FILES.manifest), 'application/json'),
      fileInfo(path.join(dir, BUNDLE_FILES.signature), 'application/octet-stream'),
      fileInfo(path.join(dir, BUNDLE_FILES.publicKey), 'application/x-pem-file'),
    ],
    verifyCommand: VERIFY_BUNDLE_COMMAND.replace('<bundle folder>', dir),
  };
}

/** What `npm run audit:verify-bundle` checks: the manifest's signature, then every listed file's SHA-256. */
export function verifyBundle(dir: string): { ok: boolean; problems: string[] } {
  const read = (name: string): Buffer | null => {
    const file = path.join(dir, name);
    return existsSync(file) ? readFileSync(file) : null;
  };
  const manifestBytes = read(BUNDLE_FILES.manifest);
  const signature = read(BUNDLE_FILES.signature);
  const publicPem = read(BUNDLE_FILES.publicKey);
  if (manifestBytes === null || signature === null || publicPem === null) {
    const present = { [BUNDLE_FILES.manifest]: manifestBytes, [BUNDLE_FILES.signature]: signature, [BUNDLE_FILES.publicKey]: publicPem };
    return {
      ok: false,
      problems: Object.entries(present)
        .filter(([, v]) => v === null)
        .map(([name]) => `${name} is missing`),
    };
  }
  let signed: boolean;
  try {
    signed = verify(null, manifestBytes, createPublicKey(publicPem), signature);
  } catch (error) {
    return { ok: false, problems: [`the public key or signature cannot be read: ${(error as Error).message}`] };
  }
  if (!signed)
    return {
      ok: false,
      problems: [`the signature in ${BUNDLE_FILES.signature} does not match ${BUNDLE_FILES.manifest} under ${BUNDLE_FILES.publicKey}`],
    };
  let manifest: { files: Array<{ name: string; sha256: string }> };
  try {
    manifest = JSON.parse(manifestBytes.toString('utf8')) as typeof manifest;
  } catch {
    return { ok: false, problems: [`${BUNDLE_FILES.manifest} is not JSON`] };
  }
  const problems = manifest.files.flatMap((f) => {
    const bytes = read(path.basename(f.name));
    if (bytes === null) return [`${f.name} is missing`];
    const actual = createHash('sha256').update(bytes).digest('hex');
    return actual === f.sha256 ? [] : [`${f.name} has SHA-256 ${actual}, the manifest says ${f.sha256}`];
  });
  return { ok: problems.length === 0, problems };
}

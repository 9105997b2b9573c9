/**
 * English UI strings: the reference catalogue. Every other locale must carry exactly these keys
 * (the type below and a unit test both check it). Placeholders are written {name}.
 */
export const en = {
  'app.title': 'Moderator workstation',
  'app.loading': 'Starting the workstation…',
  'app.missingToken.title': 'This page needs its launch link',
  'app.missingToken.body':
    'Open the address the workstation host printed when it started (it ends in #token=…). That link carries a one-time key; without it the host refuses every request.',

  'role.moderator': 'Moderator',
  'role.supervisor': 'Supervisor',
  'role.wellness_lead': 'Wellness lead',

  'login.heading': 'Sign in',
  'login.demoHeading': 'Demo accounts',
  'login.demoHint': 'Choose an account and press Enter to sign in as it.',
  'login.demoSignIn': 'Sign in as {name} ({role}, username {username})',
  'login.formHeading': 'Sign in with your account',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.busy': 'Signing in…',
  'login.error.credentials': 'Wrong username or password. Check both and try again.',

  'error.unreachable': 'Not reachable right now.',
  'error.sessionExpired': 'Your session has ended. Sign in again to continue.',
  'error.forbidden': 'Your role is not allowed to do this.',
  'error.generic': 'Something went wrong.',
  'error.dismiss': 'Dismiss',

  'header.signedInAs': 'Signed in as {name} ({role})',
  'header.signOut': 'Sign out',
  'header.progress': '{done} of {total} done',
  'header.progressLabel': 'Batch progress',
  'header.lease': 'Lease: {time} left',
  'header.leaseExpired': 'Lease expired',

  'sync.label': 'Sync status',
  'sync.online': 'Online',
  'sync.offline': 'Offline',
  'sync.pending': '{count} pending uploads',
  'sync.lastSync': 'last sync {when}',
  'sync.neverSynced': 'never synced',
  'sync.conflicts': '{count} conflicts',
  'sync.unknown': 'Sync status loading…',

  'home.supervisor.heading': 'Supervisor workspace',
  'home.supervisor.body':
    'Coming for supervisors: browsing and filtering the decision log, drawing QA samples, re-reviewing and overturning decisions with a reason, agreement statistics and audit report export. None of it is available in this build yet.',
  'home.wellness_lead.heading': 'Wellness workspace',
  'home.wellness_lead.body':
    'Coming for wellness leads: exposure limits and viewing defaults (blur, grayscale, caps, breaks) that the app enforces, and aggregate exposure reports. None of it is available in this build yet.',

  'queue.empty.heading': 'No batch assigned',
  'queue.empty.body': 'Pull a batch of items to start reviewing.',
  'queue.pull': 'Pull a batch',
  'queue.pulling': 'Pulling a batch…',
  'queue.done.heading': 'Batch complete',
  'queue.done.body': 'Every item in this batch has a decision. Press P to pull another batch.',
  'queue.listLabel': 'Items in this batch',
  'queue.status.pending': 'Pending',
  'queue.status.decided': 'Decided',
  'queue.status.skipped': 'Skipped',
  'queue.loadingItem': 'Loading item…',

  'item.heading': 'Item {position} of {total}',
  'item.kind.post': 'Post',
  'item.kind.comment': 'Comment',
  'item.kind.direct_message': 'Direct message',
  'item.contentLanguage': 'Content language: {language}',
  'item.source.user_report': 'User report',
  'item.source.proactive': 'Proactive detection',
  'item.reportReason': 'Report reason: {reason}',
  'item.noReportReason': 'No report reason given',
  'item.caption': 'Caption',
  'item.noCaption': 'No caption',
  'item.comments': 'Comments',
  'item.thread': 'Message thread',
  'item.threadLine': '{from} to {to}',
  'item.media': 'Media',
  'item.noMedia': 'This item has no media.',
  'item.previewAlt': 'Blurred grayscale preview {index} of {count}',
  'item.previewLoading': 'Loading blurred preview…',
  'item.previewFailed': 'The preview could not be loaded: {message}',

  'account.heading': 'Account',
  'account.handle': 'Handle',
  'account.age': 'Account age',
  'account.strikes': 'Prior strikes',
  'account.priorActions': 'Prior actions',
  'account.noPriorActions': 'None',
  'account.followers': 'Followers',
  'account.sameAccount': 'Other items in this batch from this account',
  'account.noSameAccount': 'None',

  'decision.legend': 'Keys',
  'decision.approve': 'Approve',
  'decision.remove': 'Remove',
  'decision.escalate': 'Escalate',
  'decision.skip': 'Skip',
  'decision.undo': 'Undo',
  'decision.note': 'Note',
  'decision.notePlaceholder': 'Optional note for this decision (Esc to leave the field)',
  'decision.recorded': 'Decision recorded — U to undo ({seconds}s)',

  'picker.title.remove': 'Remove: choose a reason code',
  'picker.title.escalate': 'Escalate: choose a reason code',
  'picker.search': 'Search reason codes',
  'picker.hint': 'Type to filter, arrow keys to move, Enter to confirm, Esc to cancel.',
  'picker.none': 'No reason code matches “{query}”.',
  'picker.confirm': 'Confirm',
  'picker.cancel': 'Cancel',
  'picker.childSafety': 'Child safety',
} as const;

export type MessageKey = keyof typeof en;
export type Catalogue = Record<MessageKey, string>;

import type { ApiError } from '../../electron/api';
import type { MessageKey } from '../i18n';
import { useLocale } from '../i18n/context';

/**
 * A headline in the UI language for the kinds of failure a person can act on, with the host's
 * own message underneath for the specifics (which field, which service).
 */
const headlineByCode: Partial<Record<ApiError['code'], MessageKey>> = {
  upstream_unavailable: 'error.unreachable',
  unauthenticated: 'error.sessionExpired',
  forbidden: 'error.forbidden',
  too_many_requests: 'error.tooMany',
  internal: 'error.generic',
};

export function ErrorNotice({
  error,
  headline,
  onDismiss,
}: {
  error: ApiError;
  /** Overrides the headline where the screen knows better (wrong password on the login form). */
  headline?: MessageKey;
  onDismiss?: () => void;
}) {
  const { t } = useLocale();
  const key = headline ?? headlineByCode[error.code];
  return (
    <div className="notice notice-error" role="alert" data-testid="error-notice" data-error-code={error.code}>
      {key && <p className="notice-headline">{t(key)}</p>}
      <p>{error.message}</p>
      {onDismiss && (
        <button type="button" className="button-quiet" onClick={onDismiss}>
          {t('error.dismiss')}
        </button>
      )}
    </div>
  );
}

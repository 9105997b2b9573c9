import type { ItemView } from '../../electron/api';
import { numberFormat } from '../format/intl';
import { formatAccountAge } from '../format/time';
import { useLocale } from '../i18n/context';
import { useNow } from './useNow';

export function AccountContext({ view }: { view: ItemView }) {
  const { t, locale } = useLocale();
  // Account age is shown in days: a minute's tick is plenty.
  const now = useNow(60_000);
  const account = view.item.account;
  const numbers = numberFormat(locale);
  return (
    <section className="panel account-context" aria-labelledby="account-heading" data-testid="account-context">
      <h3 id="account-heading">{t('account.heading')}</h3>
      <p className="account-name">{account.displayName}</p>
      <dl className="facts">
        <dt>{t('account.handle')}</dt>
        <dd>@{account.handle}</dd>
        <dt>{t('account.age')}</dt>
        <dd data-testid="account-age">{formatAccountAge(account.createdAt, now, locale)}</dd>
        <dt>{t('account.strikes')}</dt>
        <dd data-testid="account-strikes">{numbers.format(account.priorStrikes)}</dd>
        <dt>{t('account.priorActions')}</dt>
        <dd>{account.priorActions.length > 0 ? account.priorActions.join(', ') : t('account.noPriorActions')}</dd>
        <dt>{t('account.followers')}</dt>
        <dd>{numbers.format(account.followers)}</dd>
        <dt>{t('account.sameAccount')}</dt>
        <dd data-testid="same-account">
          {view.sameAccount.length === 0 ? (
            t('account.noSameAccount')
          ) : (
            <ul className="plain-list">
              {view.sameAccount.map((other) => (
                <li key={other.id}>
                  {other.id} — {t(`queue.status.${other.status}`)}
                </li>
              ))}
            </ul>
          )}
        </dd>
      </dl>
    </section>
  );
}

import { useLocale } from '../i18n/context';

export function MissingToken() {
  const { t } = useLocale();
  return (
    <main className="login" data-testid="missing-token">
      <h1>{t('app.missingToken.title')}</h1>
      <p>{t('app.missingToken.body')}</p>
    </main>
  );
}

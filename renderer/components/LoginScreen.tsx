import { useId, useState, type FormEvent } from 'react';
import { useLocale } from '../i18n/context';
import { useSession, useStores } from '../state/stores';
import { ErrorNotice } from './ErrorNotice';

export function LoginScreen() {
  const { t } = useLocale();
  const { session } = useStores();
  const demoAccounts = useSession((s) => s.demoAccounts);
  const busy = useSession((s) => s.busy);
  const error = useSession((s) => s.error);
  const errorFromSignIn = useSession((s) => s.errorFromSignIn);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const usernameId = useId();
  const passwordId = useId();

  const signIn = (user: string, pass: string) => void session.getState().login(user, pass);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn(username, password);
  };

  return (
    <main className="login" data-testid="login-screen">
      <h1>{t('app.title')}</h1>
      <h2>{t('login.heading')}</h2>
      {error && (
        <ErrorNotice
          error={error}
          headline={errorFromSignIn && error.code === 'unauthenticated' ? 'login.error.credentials' : undefined}
          onDismiss={() => session.getState().clearError()}
        />
      )}
      {demoAccounts.length > 0 && (
        <section aria-labelledby="demo-heading" className="panel">
          <h3 id="demo-heading">{t('login.demoHeading')}</h3>
          <p className="hint">{t('login.demoHint')}</p>
          <ul className="demo-accounts">
            {demoAccounts.map((account, index) => (
              <li key={account.username}>
                <button
                  type="button"
                  className="demo-account"
                  disabled={busy}
                  autoFocus={index === 0}
                  data-testid={`demo-account-${account.username}`}
                  aria-label={t('login.demoSignIn', {
                    name: account.displayName,
                    role: t(`role.${account.role}`),
                    username: account.username,
                  })}
                  onClick={() => signIn(account.username, account.password)}
                >
                  <span className="demo-name">{account.displayName}</span> <span className="demo-role">{t(`role.${account.role}`)}</span>{' '}
                  <span className="demo-username">{account.username}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="form-heading" className="panel">
        <h3 id="form-heading">{t('login.formHeading')}</h3>
        <form onSubmit={submit} className="login-form">
          <label htmlFor={usernameId}>{t('login.username')}</label>
          <input
            id={usernameId}
            name="username"
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            data-testid="login-username"
          />
          <label htmlFor={passwordId}>{t('login.password')}</label>
          <input
            id={passwordId}
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            data-testid="login-password"
          />
          <button type="submit" className="button-primary" disabled={busy} data-testid="login-submit">
            {busy ? t('login.busy') : t('login.submit')}
          </button>
        </form>
      </section>
    </main>
  );
}

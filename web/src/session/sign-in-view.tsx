import { useState } from 'preact/hooks';
import { type ApiError, asApiError, type Call, successOf } from '../api/graphql';
import { LOGIN } from '../api/operations';
import type { ClassifiedResult, LoginSuccess } from '../api/types';
import { ErrorNotice } from '../components/error-notice';
import type { Session } from './session';

/** A staff login; the session token it gets is the only credential the console holds. */
export function SignInView({ call, onSignedIn, farewell }: { call: Call; onSignedIn: (session: Session) => void; farewell: ApiError | string | null }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const answer = await call<{ login: LoginSuccess | ClassifiedResult }>(LOGIN, { email: email.trim(), password });
      const { token, tokenId, expiresAt, user } = successOf(answer.login, 'LoginSuccess');
      onSignedIn({ token, tokenId, expiresAt, user });
    } catch (caught) {
      setError(asApiError(caught));
      setBusy(false);
    }
  };

  return (
    <>
      <h1>Sign in</h1>
      {typeof farewell === 'string' && (
        <p class="notice notice-success" role="status">
          {farewell}
        </p>
      )}
      {farewell && typeof farewell !== 'string' && <ErrorNotice error={farewell} title="Your session has ended; sign in again." />}
      <p class="lead">With your staff login. Administrators see every view; the front desk sees what its role may.</p>
      <form class="sign-in" onSubmit={onSubmit}>
        <div class="field">
          <label for="sign-in-email">Email address</label>
          <input id="sign-in-email" type="email" autoComplete="username" value={email} onInput={(event) => setEmail(event.currentTarget.value)} required />
        </div>
        <div class="field">
          <label for="sign-in-password">Password</label>
          <input
            id="sign-in-password"
            type="password"
            autoComplete="current-password"
            value={password}
            onInput={(event) => setPassword(event.currentTarget.value)}
            required
          />
        </div>
        <button type="submit" class="primary" disabled={busy}>
          Sign in
        </button>
      </form>
      {error && <ErrorNotice error={error} title="Signing in failed" />}
    </>
  );
}

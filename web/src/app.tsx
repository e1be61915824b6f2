import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { type ConsoleView, mayOpen, VIEWS } from './access';
import { type ApiError, asApiError, createCall, successOf } from './api/graphql';
import { ME, SIGN_OUT } from './api/operations';
import type { ClassifiedResult, StaffUser } from './api/types';
import { AuditView } from './audit/audit-view';
import { ConsoleLink } from './components/console-link';
import { DeleteView } from './deletion/delete-view';
import { ErrorsView } from './errors/errors-view';
import { IntegrityView } from './integrity/integrity-view';
import { navigate, useRoute } from './router';
import { forgetSession, keepSession, type Session, storedSession } from './session/session';
import { SignInView } from './session/sign-in-view';

const NAME = 'Hotel integrity console';

/** The console: a staff session, the navigation its role may use, and the view the path names. */
export function App() {
  const [session, setSession] = useState<Session | null>(storedSession);
  const [farewell, setFarewell] = useState<ApiError | string | null>(null);
  const route = useRoute();
  const mainRef = useRef<HTMLElement>(null);
  const tokenRef = useRef<string | null>(session?.token ?? null);
  tokenRef.current = session?.token ?? null;

  const endSession = (why: ApiError | string) => {
    forgetSession();
    setSession(null);
    setFarewell(why);
  };
  // One call for the whole console: it reads the current token, and an expired or revoked one ends the session visibly.
  const call = useMemo(() => createCall(() => tokenRef.current, endSession), []);

  // A session kept from before a reload may have been revoked, or its user's role changed since.
  useEffect(() => {
    if (!session) return;
    call<{ me: { role: Session['user']['role']; user: StaffUser | null } }>(ME).then(
      ({ me }) => {
        if (me.user && me.user.role !== session.user.role) {
          const updated = { ...session, user: me.user };
          keepSession(updated);
          setSession(updated);
        }
      },
      () => undefined, // UNAUTHENTICATED ends the session through `call`; any other failure shows in the view's own calls.
    );
  }, []);

  const role = session?.user.role;
  const allowed: ConsoleView[] = role ? VIEWS.filter((view) => mayOpen(view, role)) : [];
  const view = VIEWS.find((candidate) => candidate.path === route.view);

  useEffect(() => {
    if (session && !route.view && allowed.length) navigate(allowed[0].path, { replace: true });
  }, [session, route.view]);
  useEffect(() => {
    document.title = session ? `${view?.title ?? 'Not found'} · ${NAME}` : `Sign in · ${NAME}`;
  }, [session, view]);
  const firstRoute = useRef(true);
  useEffect(() => {
    // Keyboard and screen-reader users land at the new view's start, not on the link they followed.
    if (firstRoute.current) firstRoute.current = false;
    else mainRef.current?.focus();
  }, [route.view]);

  const signOut = async () => {
    if (!session) return;
    try {
      const answer = await call<{ revokeApiToken: { __typename: string } | ClassifiedResult }>(SIGN_OUT, { id: session.tokenId });
      successOf(answer.revokeApiToken, 'RevokeApiTokenSuccess');
      endSession('Signed out: the session is revoked.');
    } catch (caught) {
      const error = asApiError(caught);
      if (error.code !== 'UNAUTHENTICATED') endSession(`Signed out of this tab, but the API did not revoke the session: ${error.message} (${error.code}).`);
    }
  };

  let content: ComponentChildren;
  if (!session) {
    content = (
      <SignInView
        call={call}
        farewell={farewell}
        onSignedIn={(signedIn) => {
          keepSession(signedIn);
          tokenRef.current = signedIn.token;
          setFarewell(null);
          setSession(signedIn);
        }}
      />
    );
  } else if (!route.view) {
    content = allowed.length ? <p>Opening…</p> : <p class="notice">The role {role} has no view in this console.</p>;
  } else if (!view) {
    content = (
      <>
        <h1>Not found</h1>
        <p class="notice" role="alert">
          The console has no page /console/{route.view}.
        </p>
      </>
    );
  } else if (!mayOpen(view, role!)) {
    content = (
      <>
        <h1>{view.title}</h1>
        <p class="notice notice-error" role="alert">
          The {view.title} view needs the {view.roles.join(' or ')} role; you are signed in as {session.user.name} ({role}).
        </p>
      </>
    );
  } else if (view.path === 'integrity') content = <IntegrityView call={call} />;
  else if (view.path === 'delete') content = <DeleteView call={call} role={role!} params={route.params} />;
  else if (view.path === 'errors') content = <ErrorsView call={call} />;
  else content = <AuditView call={call} />;

  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="masthead">
        <p class="brand">{NAME}</p>
        {session && (
          <nav aria-label="Console">
            <ul>
              {allowed.map((item) => (
                <li key={item.path}>
                  <ConsoleLink path={item.path} current={item.path === route.view}>
                    {item.title}
                  </ConsoleLink>
                </li>
              ))}
            </ul>
          </nav>
        )}
        {session && (
          <div class="who">
            <span>
              {session.user.name} ({role})
            </span>
            <button type="button" onClick={signOut}>
              Sign out
            </button>
          </div>
        )}
      </header>
      <main id="main" tabIndex={-1} ref={mainRef}>
        {content}
      </main>
    </>
  );
}

/** The app: the login page until there is a session, then the student's or the instructor's view. */
import type { FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { clearSession, loadSession, saveSession, type Session } from './api/session';
import { Login } from './login';
import { StudentApp } from './student/app';
import { navigate } from './router';

export function App({ linkError }: { linkError?: string }) {
  const [session, setSession] = useState<Session | undefined>(loadSession());
  const logout = (reason?: string) => {
    clearSession();
    setSession(undefined);
    setReason(reason);
    navigate('/', true);
  };
  const [reason, setReason] = useState<string | undefined>(linkError);
  if (!session) {
    return (
      <Login
        message={reason}
        onLogin={(s) => {
          saveSession(s);
          setReason(undefined);
          setSession(s);
        }}
      />
    );
  }
  if (session.kind === 'admin') return <LazyInstructor session={session} logout={logout} />;
  return <StudentApp session={session} logout={logout} />;
}

type InstructorProps = { session: Session; logout: (reason?: string) => void };

/** The instructor's view, loaded only for an admin token: a student's first load stays small. */
function LazyInstructor(props: InstructorProps) {
  const [View, setView] = useState<FunctionComponent<InstructorProps>>();
  useEffect(() => {
    void import('./instructor').then((m) => setView(() => m.InstructorApp));
  }, []);
  return View ? <View {...props} /> : null;
}

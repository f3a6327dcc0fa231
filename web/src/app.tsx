/** The app: the login page until there is a session, then the student's or the instructor's view. */
import { useState } from 'preact/hooks';
import { clearSession, loadSession, saveSession, type Session } from './api/session';
import { Login } from './login';
import { StudentApp } from './student/app';
import { InstructorApp } from './instructor';
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
  if (session.kind === 'admin') return <InstructorApp session={session} logout={logout} />;
  return <StudentApp session={session} logout={logout} />;
}

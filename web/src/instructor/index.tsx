/** The instructor's view of a classroom (admin token). Placeholder until the classroom pages land. */
import type { Session } from '../api/session';

export function InstructorApp({ logout }: { session: Session; logout: (reason?: string) => void }) {
  return (
    <main class="login">
      <div class="login-card">
        <h1>Instructor</h1>
        <p>The classroom view is not built yet.</p>
        <button class="btn" onClick={() => logout()}>
          Log out
        </button>
      </div>
    </main>
  );
}

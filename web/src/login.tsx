/**
 * Log in: paste the token of a kubeconfig, drop or pick the kubeconfig file, or open the signed
 * link (`#token=…`, handled in main.tsx). The token is tried against the server before it is kept.
 */
import { useRef, useState } from 'preact/hooks';
import { HttpClient, KubeClient } from './api/client';
import { sessionFromKubeconfig, sessionFromToken, type Session } from './api/session';
import { ThemeToggle } from './components/theme-toggle';

/** Checks a session with one request: discovery for a student, the classroom list for an admin. */
async function check(s: Session): Promise<void> {
  if (s.kind === 'admin') await new HttpClient('/admin/v1', s.token).json('/classrooms');
  else await new KubeClient(s.tenant!, s.token).json('/api');
}

export function Login({ onLogin, message }: { onLogin: (s: Session) => void; message?: string }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | undefined>(message);
  const [busy, setBusy] = useState(false);
  const [dragging, setDragging] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  const tryLogin = async (make: () => Session | Promise<Session>) => {
    setError(undefined);
    let s: Session;
    try {
      s = await make();
    } catch (e) {
      setError((e as Error).message);
      return;
    }
    setBusy(true);
    try {
      await check(s);
      onLogin(s);
    } catch (e) {
      const code = (e as { code?: number }).code;
      setError(code === 401 ? 'The server refused this token (expired, revoked, or for another server).' : `Could not reach the cluster: ${(e as Error).message}`);
    } finally {
      setBusy(false);
    }
  };
  const readFile = async (f: File | undefined) => {
    if (!f) return;
    const text = await f.text();
    await tryLogin(() => sessionFromKubeconfig(text));
  };

  return (
    <main class="login">
      <div class="login-top">
        <ThemeToggle />
      </div>
      <div class="login-card">
        <div class="brand brand-big">
          <Logo />
          <span>kubeplay</span>
        </div>
        <p class="muted">Your Kubernetes cluster, in the browser. Log in with the kubeconfig you use with kubectl.</p>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void tryLogin(() => sessionFromToken(token));
          }}
        >
          <label for="token">Token</label>
          <textarea
            id="token"
            name="token"
            rows={3}
            spellcheck={false}
            autocomplete="off"
            placeholder="eyJhbGciOiJFUzI1NiIs…  (users[0].user.token in your kubeconfig)"
            value={token}
            onInput={(e) => setToken((e.target as HTMLTextAreaElement).value)}
          />
          <button class="btn primary" type="submit" disabled={busy || !token.trim()}>
            {busy ? 'Checking…' : 'Log in'}
          </button>
        </form>
        <div class="or">or</div>
        <div
          class={`drop${dragging ? ' over' : ''}`}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(e) => {
            e.preventDefault();
            setDragging(false);
            void readFile(e.dataTransfer?.files[0]);
          }}
        >
          <span>Drop your kubeconfig here, or</span>
          <button class="btn" type="button" onClick={() => fileInput.current?.click()}>
            Choose file…
          </button>
          <input ref={fileInput} type="file" aria-label="kubeconfig file" hidden onChange={(e) => void readFile((e.target as HTMLInputElement).files?.[0])} />
        </div>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <p class="muted small">
          The token stays in this tab only (session storage). <code>npm start</code> prints a link that logs you in directly.
        </p>
      </div>
    </main>
  );
}

/** The kubeplay mark: a hexagon with a hub. */
export function Logo() {
  return (
    <svg class="logo" viewBox="0 0 32 32" aria-hidden="true">
      <path fill="var(--accent)" d="M16 2 28 8v16L16 30 4 24V8z" />
      <circle cx="16" cy="16" r="5" fill="var(--bg)" />
    </svg>
  );
}

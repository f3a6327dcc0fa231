/**
 * What an instructor does to one student's cluster: download a fresh kubeconfig, reset the
 * cluster (after a confirmation naming what goes and what stays), revoke every token (the same).
 * A modal <dialog>: Escape cancels, focus stays inside, the confirming button is not the default.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AdminApi } from './api';

/** Save `text` as a file named `name` (a kubeconfig). */
export function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/yaml' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

type Pending = { kind: 'reset' | 'revoke'; student: string } | undefined;

/** The result of the last action, shown in a polite live region. */
export interface Outcome {
  ok: boolean;
  text: string;
}

/**
 * The actions of a roster or a student page: returns `ask(kind, student)`, `getKubeconfig` and the
 * dialog element to render once. `done` runs after an action succeeded (the roster refreshes).
 */
export function useStudentActions(api: AdminApi, room: string, done: (o: Outcome) => void) {
  const [pending, setPending] = useState<Pending>();
  const [busy, setBusy] = useState(false);
  const [alsoRevoke, setAlsoRevoke] = useState(false);
  const [error, setError] = useState<string>();
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (pending && !d.open) {
      d.showModal();
      cancel.current?.focus();
    } else if (!pending && d.open) d.close();
  }, [pending]);

  const confirm = async () => {
    if (!pending) return;
    setBusy(true);
    setError(undefined);
    try {
      if (pending.kind === 'reset') {
        await api.reset(room, pending.student, alsoRevoke);
        done({ ok: true, text: `${pending.student}'s cluster was reset${alsoRevoke ? ' and their tokens revoked' : ''}.` });
      } else {
        await api.revoke(room, pending.student);
        done({ ok: true, text: `Every token of ${pending.student} was revoked.` });
      }
      setPending(undefined);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const getKubeconfig = async (student: string) => {
    try {
      const r = await api.kubeconfig(room, student);
      download(`${room}-${student}.kubeconfig`, r.kubeconfig);
      done({ ok: true, text: `A fresh kubeconfig for ${student} was downloaded (valid until ${new Date(r.expiresAt).toLocaleDateString()}).` });
    } catch (e) {
      done({ ok: false, text: `No kubeconfig for ${student}: ${(e as Error).message}` });
    }
  };

  const ask = (kind: 'reset' | 'revoke', student: string) => {
    setAlsoRevoke(false);
    setError(undefined);
    setPending({ kind, student });
  };

  const s = pending?.student;
  const element = (
    <dialog ref={dialog} class="confirm-dialog" aria-labelledby="confirm-title" onClose={() => setPending(undefined)}>
      {pending?.kind === 'reset' && (
        <>
          <h2 id="confirm-title">Reset {s}'s cluster?</h2>
          <p>
            Every object in it goes — namespaces, workloads, config, volumes — and a fresh cluster with the classroom's settings takes its place.
            Open watches end. The audit trail stays{alsoRevoke ? '.' : ', and so does the kubeconfig: the student carries on with the same file.'}
          </p>
          <label class="check">
            <input type="checkbox" checked={alsoRevoke} onChange={(e) => setAlsoRevoke((e.target as HTMLInputElement).checked)} />
            Also revoke every token (the student will need a new kubeconfig)
          </label>
        </>
      )}
      {pending?.kind === 'revoke' && (
        <>
          <h2 id="confirm-title">Revoke every token of {s}?</h2>
          <p>Every kubeconfig issued to {s} so far stops working at once. Their cluster stays as it is; download a fresh kubeconfig to let them back in.</p>
        </>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <div class="confirm-actions">
        <button ref={cancel} class="btn" type="button" onClick={() => setPending(undefined)} disabled={busy}>
          Cancel
        </button>
        <button class="btn primary danger-fill" type="button" onClick={() => void confirm()} disabled={busy}>
          {busy ? 'Working…' : pending?.kind === 'reset' ? `Reset ${s}` : `Revoke ${s}'s tokens`}
        </button>
      </div>
    </dialog>
  );
  return { ask, getKubeconfig, element };
}

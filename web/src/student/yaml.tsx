/**
 * An object's YAML (as `kubectl get -o yaml` prints it: managedFields hidden unless asked), with
 * two ways to write it back: Save replaces the object (PUT, like `kubectl edit`: refused with a
 * 409 when someone changed it meanwhile), Apply sends it as server-side apply
 * (application/apply-patch+yaml, field manager `kubeplay-dashboard`; conflicts with other managers
 * are shown and can be forced, as `kubectl apply --server-side --force-conflicts`).
 */
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import { refOf, type Kind } from '../api/resources';
import type { KubeObject } from '../api/types';
import { useCluster } from './context';

type YamlModule = typeof import('yaml');
let yamlModule: Promise<YamlModule> | undefined;
/** The YAML library, loaded with the first YAML tab (it is a third of the page's code). */
export function loadYaml(): Promise<YamlModule> {
  return (yamlModule ??= import('yaml'));
}

/** The object as shown: apiVersion and kind first, managedFields left out unless asked. */
export function shownObject(obj: KubeObject, kind: Kind, managed: boolean): KubeObject {
  const { apiVersion, kind: k, metadata, ...rest } = obj as any;
  const meta = { ...metadata };
  if (!managed) delete meta.managedFields;
  return { apiVersion: apiVersion ?? (kind.group ? `${kind.group}/${kind.version}` : kind.version), kind: k ?? kind.kind, metadata: meta, ...rest };
}

export function YamlTab({ kind, obj }: { kind: Kind; obj: KubeObject }) {
  const { client, readOnly } = useCluster();
  const [yaml, setYaml] = useState<YamlModule>();
  const [managed, setManaged] = useState(false);
  const [draft, setDraft] = useState<string>();
  const [baseRV, setBaseRV] = useState<string>();
  const [error, setError] = useState<{ text: string; conflict?: boolean }>();
  const [saved, setSaved] = useState<string>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    void loadYaml().then(setYaml);
  }, []);
  if (!yaml) return <div class="empty">Loading…</div>;
  const text = yaml.stringify(shownObject(obj, kind, managed), { lineWidth: 0 });
  const editing = draft !== undefined;
  const stale = editing && baseRV !== obj.metadata?.resourceVersion;
  const ref = refOf(kind, obj.metadata?.namespace, obj.metadata?.name);

  const run = async (what: 'save' | 'apply', force = false) => {
    setError(undefined);
    setSaved(undefined);
    setBusy(true);
    try {
      let out: KubeObject;
      if (what === 'save') {
        const parsed = yaml.parse(draft!);
        if (!parsed || typeof parsed !== 'object') throw new Error('The YAML is not an object.');
        out = await client.update(ref, parsed);
      } else {
        // Apply sends only what the user means to own: no server-set metadata, no status.
        const doc = yaml.parse(draft!);
        if (!doc || typeof doc !== 'object') throw new Error('The YAML is not an object.');
        for (const f of ['managedFields', 'resourceVersion', 'uid', 'creationTimestamp', 'generation']) delete doc.metadata?.[f];
        delete doc.status;
        out = await client.apply(ref, yaml.stringify(doc), force);
      }
      setSaved(`${what === 'save' ? 'Saved' : 'Applied'}: resourceVersion ${out.metadata?.resourceVersion}.`);
      setDraft(undefined);
    } catch (e) {
      if (e instanceof ApiError) setError({ text: e.message, conflict: e.code === 409 && what === 'apply' });
      else setError({ text: (e as Error).message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="yaml">
      <div class="toolbar">
        {!editing && !readOnly && (
          <button
            class="btn primary small"
            type="button"
            onClick={() => {
              setDraft(yaml.stringify(shownObject(obj, kind, false), { lineWidth: 0 }));
              setBaseRV(obj.metadata?.resourceVersion);
              setSaved(undefined);
              setError(undefined);
            }}
          >
            Edit
          </button>
        )}
        {editing && (
          <>
            <button class="btn primary small" type="button" disabled={busy} onClick={() => run('save')} title="Replace the object (PUT), as kubectl edit does">
              Save
            </button>
            <button class="btn small" type="button" disabled={busy} onClick={() => run('apply')} title="Server-side apply as kubeplay-dashboard">
              Apply (server-side)
            </button>
            <button class="btn small" type="button" disabled={busy} onClick={() => (setDraft(undefined), setError(undefined))}>
              Cancel
            </button>
          </>
        )}
        {!editing && (
          <label class="check small">
            <input type="checkbox" checked={managed} onChange={(e) => setManaged((e.target as HTMLInputElement).checked)} /> managedFields
          </label>
        )}
        <button class="btn small" type="button" onClick={() => navigator.clipboard?.writeText(editing ? draft! : text)}>
          Copy
        </button>
        <span class="muted small">resourceVersion {obj.metadata?.resourceVersion}</span>
      </div>
      {stale && <div class="note warn">The object changed on the server since you started editing; Save will be refused (409). Cancel and edit again to start from the new version.</div>}
      {error && (
        <div class="note bad" role="alert">
          {error.text}
          {error.conflict && (
            <button class="btn small danger" type="button" onClick={() => run('apply', true)}>
              Force apply (take the fields over)
            </button>
          )}
        </div>
      )}
      {saved && (
        <div class="note ok" role="status">
          {saved}
        </div>
      )}
      {editing ? (
        <textarea
          class="editor"
          aria-label="YAML editor"
          spellcheck={false}
          value={draft}
          rows={Math.min(40, Math.max(12, draft!.split('\n').length + 1))}
          onInput={(e) => setDraft((e.target as HTMLTextAreaElement).value)}
          onKeyDown={(e) => {
            // Tab indents (two spaces) instead of leaving the editor; Ctrl/Cmd+S saves.
            const ta = e.target as HTMLTextAreaElement;
            if (e.key === 'Tab' && !e.shiftKey) {
              e.preventDefault();
              ta.setRangeText('  ', ta.selectionStart, ta.selectionEnd, 'end');
              setDraft(ta.value);
            } else if (e.key === 's' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              void run('save');
            }
          }}
        />
      ) : (
        <pre class="code" aria-label="YAML">
          <YamlLines text={text} />
        </pre>
      )}
    </div>
  );
}

/** YAML with line numbers and keys tinted (a light touch of highlighting, no editor library). */
function YamlLines({ text }: { text: string }) {
  return (
    <>
      {text
        .replace(/\n$/, '')
        .split('\n')
        .map((line, i) => {
          const m = /^(\s*(?:- )?)([^:#'"\s][^:]*?:)(\s|$)(.*)$/.exec(line);
          return (
            <span class="line" key={i}>
              <span class="ln">{i + 1}</span>
              {m ? (
                <>
                  {m[1]}
                  <span class="k">{m[2]}</span>
                  {m[3]}
                  <span class="v">{m[4]}</span>
                </>
              ) : (
                <span class="v">{line}</span>
              )}
              {'\n'}
            </span>
          );
        })}
    </>
  );
}

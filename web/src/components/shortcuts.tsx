/** The keyboard shortcuts, listed in a dialog that `?` opens (keys.ts installs them). */
import type { NavItem } from './shell';

export function ShortcutsDialog({ nav }: { nav: NavItem[] }) {
  const keys: [string, string][] = [
    ...nav.filter((n) => n.key).map((n) => [`g ${n.key}`, n.label] as [string, string]),
    ['/', 'Filter the list'],
    ['j / ↓, k / ↑', 'Next / previous row'],
    ['→ / ←', 'Open / close a branch of the tree'],
    ['Enter', 'Open the focused row'],
    ['?', 'This list'],
  ];
  return (
    <dialog id="shortcuts" class="dialog" aria-label="Keyboard shortcuts" onClick={(e) => e.target === e.currentTarget && (e.currentTarget as HTMLDialogElement).close()}>
      <h2>Keyboard shortcuts</h2>
      <dl class="fields">
        {keys.map(([k, what]) => (
          <>
            <dt>
              <kbd>{k}</kbd>
            </dt>
            <dd>{what}</dd>
          </>
        ))}
      </dl>
      <form method="dialog">
        <button class="btn small">Close</button>
      </form>
    </dialog>
  );
}

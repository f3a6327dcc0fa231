/**
 * Keyboard navigation: `g` then a section's letter (g w Workloads, g n Nodes…), `/` to the page's
 * filter, `j`/`k` or the arrow keys between the rows of a list, `?` for the list of shortcuts.
 * Keys typed into a field, the terminal or the editor are left alone.
 */
import { useEffect } from 'preact/hooks';
import type { NavItem } from './components/shell';
import { navigate } from './router';

function typing(t: EventTarget | null): boolean {
  const el = t as HTMLElement | null;
  if (!el) return false;
  return el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName) || !!el.closest('.xterm, .editor');
}

/** Move focus to the next/previous `[data-row]` of the page. */
export function moveRow(delta: number): void {
  const rows = [...document.querySelectorAll<HTMLElement>('#main [data-row]')].filter((r) => r.offsetParent !== null);
  if (!rows.length) return;
  const i = rows.indexOf(document.activeElement as HTMLElement);
  const next = rows[Math.max(0, Math.min(rows.length - 1, i < 0 ? 0 : i + delta))];
  next.focus();
  next.scrollIntoView({ block: 'nearest' });
}

/** Installs the shortcuts for these nav items while the component is mounted. */
export function useShortcuts(nav: NavItem[]): void {
  useEffect(() => {
    let pendingG = 0;
    const on = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
      if (pendingG && Date.now() - pendingG < 1500) {
        pendingG = 0;
        const item = nav.find((n) => n.key === e.key);
        if (item) {
          e.preventDefault();
          navigate(item.path);
        }
        return;
      }
      switch (e.key) {
        case 'g':
          pendingG = Date.now();
          return;
        case '/': {
          const f = document.querySelector<HTMLInputElement>('#main [data-filter]');
          if (f) {
            e.preventDefault();
            f.focus();
          }
          return;
        }
        case 'j':
        case 'ArrowDown':
          e.preventDefault();
          moveRow(1);
          return;
        case 'k':
        case 'ArrowUp':
          e.preventDefault();
          moveRow(-1);
          return;
        case '?':
          document.querySelector<HTMLDialogElement>('#shortcuts')?.showModal();
          return;
      }
    };
    addEventListener('keydown', on);
    return () => removeEventListener('keydown', on);
  }, [nav.map((n) => n.path).join()]);
}

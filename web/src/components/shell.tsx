/**
 * The app shell shared by both views: a header (brand, context, actions), a navigation rail
 * (a top bar at tablet width) and the page. Nav items are plain links, so Tab and Enter work.
 */
import type { ComponentChildren } from 'preact';
import { Logo } from '../login';
import { href } from '../router';
import { ThemeToggle } from './theme-toggle';
import { ShortcutsDialog } from './shortcuts';

export interface NavItem {
  label: string;
  path: string;
  /** Whether the current path belongs to this item. */
  active: boolean;
  /** The key of its `g`-shortcut (g w → Workloads), shown as a hint. */
  key?: string;
}

export function Shell(props: { title: ComponentChildren; context?: ComponentChildren; nav: NavItem[]; actions?: ComponentChildren; children: ComponentChildren }) {
  return (
    <div class="shell">
      <header class="topbar">
        <a class="brand" href={href('/')}>
          <Logo />
          <span>kubeplay</span>
        </a>
        <div class="topbar-title">{props.title}</div>
        <div class="topbar-context">{props.context}</div>
        <div class="topbar-actions">
          {props.actions}
          <button class="icon-btn" type="button" title="Keyboard shortcuts (?)" aria-label="Keyboard shortcuts" onClick={() => document.querySelector<HTMLDialogElement>('#shortcuts')?.showModal()}>
            ?
          </button>
          <ThemeToggle />
        </div>
      </header>
      <nav class="rail" aria-label="Sections">
        {props.nav.map((n) => (
          <a href={href(n.path)} class={n.active ? 'active' : ''} aria-current={n.active ? 'page' : undefined} key={n.path}>
            <span>{n.label}</span>
            {n.key && <kbd class="hint">g {n.key}</kbd>}
          </a>
        ))}
      </nav>
      <main class="page" id="main" tabIndex={-1}>
        {props.children}
      </main>
      <ShortcutsDialog nav={props.nav} />
    </div>
  );
}

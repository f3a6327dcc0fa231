/** Dark mode: follows prefers-color-scheme until the user picks one with the toggle (remembered). */
import { useEffect, useState } from 'preact/hooks';

export type Theme = 'light' | 'dark';
const KEY = 'kubeplay.theme';

const system = (): Theme => (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');

/** The theme in effect: the stored choice, else the system's. */
export function currentTheme(): Theme {
  const t = localStorage.getItem(KEY);
  return t === 'dark' || t === 'light' ? t : system();
}

/** Applies the theme to the document (CSS reads `data-theme`). */
export function applyTheme(t: Theme): void {
  document.documentElement.dataset.theme = t;
  document.documentElement.style.colorScheme = t;
}

/** The theme and a toggle; follows the system while the user has not chosen. */
export function useTheme(): [Theme, () => void] {
  const [theme, setTheme] = useState<Theme>(currentTheme());
  useEffect(() => {
    applyTheme(theme);
  }, [theme]);
  useEffect(() => {
    const mq = matchMedia('(prefers-color-scheme: dark)');
    const on = () => {
      if (!localStorage.getItem(KEY)) setTheme(system());
    };
    mq.addEventListener('change', on);
    return () => mq.removeEventListener('change', on);
  }, []);
  const toggle = () => {
    const next: Theme = theme === 'dark' ? 'light' : 'dark';
    localStorage.setItem(KEY, next);
    setTheme(next);
  };
  return [theme, toggle];
}

import { create } from 'zustand';

export type Theme = 'light' | 'dark';
export type ThemePreference = 'system' | Theme;

const STORAGE_KEY = 'patchwise.theme';
const darkQuery = window.matchMedia('(prefers-color-scheme: dark)');

// Storage can be unavailable (disabled, or full); the theme then simply is not remembered.
function storedPreference(): ThemePreference {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return value === 'light' || value === 'dark' ? value : 'system';
  } catch {
    return 'system';
  }
}

function remember(preference: ThemePreference): void {
  try {
    if (preference === 'system') window.localStorage.removeItem(STORAGE_KEY);
    else window.localStorage.setItem(STORAGE_KEY, preference);
  } catch {
    // Not remembered; the choice still holds for this session.
  }
}

const resolve = (preference: ThemePreference): Theme =>
  preference === 'system' ? (darkQuery.matches ? 'dark' : 'light') : preference;

function apply(theme: Theme): void {
  document.documentElement.dataset['theme'] = theme;
}

interface ThemeState {
  preference: ThemePreference;
  theme: Theme;
  choose: (preference: ThemePreference) => void;
}

/** The theme is applied as `data-theme` on `<html>` as soon as this module loads, before React paints. */
export const useThemeStore = create<ThemeState>()((set) => {
  const preference = storedPreference();
  const theme = resolve(preference);
  apply(theme);
  darkQuery.addEventListener('change', () => {
    set((state) => {
      if (state.preference !== 'system') return state;
      const next = resolve('system');
      apply(next);
      return { theme: next };
    });
  });
  return {
    preference,
    theme,
    choose(next) {
      remember(next);
      const resolved = resolve(next);
      apply(resolved);
      set({ preference: next, theme: resolved });
    },
  };
});

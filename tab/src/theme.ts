// Fluent themes for Teams' three themes; outside Teams the browser's preference (or `?theme=`) chooses.
import { teamsHighContrastTheme, webDarkTheme, webLightTheme, type Theme } from '@fluentui/react-components';
import type { TeamsTheme } from './session/teams';

export function fluentTheme(name: TeamsTheme): Theme {
  return name === 'dark' ? webDarkTheme : name === 'contrast' ? teamsHighContrastTheme : webLightTheme;
}

/** The attribute app.tsx sets on the FluentProvider to the Teams theme's name, for styles one theme needs and another must not get. */
export const THEME_ATTRIBUTE = 'data-theme';

const KEY = 'varde.theme';

/** `?theme=default|dark|contrast` (kept for the browser tab's session), else forced colours, else the colour scheme. */
export function browserTheme(search: string = window.location.search): TeamsTheme {
  const asked = new URLSearchParams(search).get('theme');
  if (asked === 'default' || asked === 'dark' || asked === 'contrast') {
    try {
      sessionStorage.setItem(KEY, asked);
    } catch {
      // storage may be off; the choice then lasts for this page only
    }
    return asked;
  }
  try {
    const kept = sessionStorage.getItem(KEY);
    if (kept === 'default' || kept === 'dark' || kept === 'contrast') return kept;
  } catch {
    // ignore
  }
  if (window.matchMedia?.('(forced-colors: active)').matches) return 'contrast';
  if (window.matchMedia?.('(prefers-color-scheme: dark)').matches) return 'dark';
  return 'default';
}

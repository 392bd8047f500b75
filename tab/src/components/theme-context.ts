// The active Fluent theme as an object, for what CSS variables cannot reach (the charts' canvas).
import { webLightTheme, type Theme } from '@fluentui/react-components';
import { createContext, useContext } from 'react';

export const ThemeObjectContext = createContext<Theme>(webLightTheme);

export function useThemeObject(): Theme {
  return useContext(ThemeObjectContext);
}

import { setTheme, useTheme } from './theme';

/** The header's switch between the light and the dark theme (the OS decides until it is used). */
export function ThemeToggle() {
  const dark = useTheme() === 'dark';
  return (
    <button
      type="button"
      role="switch"
      aria-checked={dark}
      aria-label="Dark mode"
      title={dark ? 'Dark mode is on: switch to light' : 'Dark mode is off: switch to dark'}
      className="button button-quiet icon-button theme-toggle"
      onClick={() => setTheme(dark ? 'light' : 'dark')}
    >
      <span aria-hidden="true">{dark ? '☾' : '☀'}</span>
    </button>
  );
}

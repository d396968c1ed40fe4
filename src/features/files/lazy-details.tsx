import { useState, type ReactNode } from 'react';

/**
 * A <details> whose content is built only once it has been opened (and kept after): closed, it
 * costs nothing. The schema panel's three closed sections were a sixth of the elements of a
 * dropped file's first render. Find-in-page does not see content that was never opened.
 */
export function LazyDetails({ summary, children }: { summary: ReactNode; children: ReactNode }) {
  const [opened, setOpened] = useState(false);
  return (
    <details
      onToggle={(e) => {
        if (e.currentTarget.open) setOpened(true);
      }}
    >
      <summary>{summary}</summary>
      {opened ? children : null}
    </details>
  );
}

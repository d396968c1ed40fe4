import { useRef, type ReactNode, type Ref } from 'react';

export interface TabDef {
  id: string;
  label: string;
}

/** WAI-ARIA tabs: arrow keys move between tabs, only the selected one is in the tab order. */
export function Tabs({
  tabs,
  selected,
  onSelect,
}: {
  tabs: readonly TabDef[];
  selected: string;
  onSelect: (id: string) => void;
}) {
  const refs = useRef(new Map<string, HTMLButtonElement>());
  const move = (delta: number) => {
    const index = tabs.findIndex((t) => t.id === selected);
    const next = tabs[(index + delta + tabs.length) % tabs.length];
    if (!next) return;
    onSelect(next.id);
    refs.current.get(next.id)?.focus();
  };
  return (
    <div role="tablist" aria-label="Views" className="tabs">
      {tabs.map((tab) => (
        <button
          key={tab.id}
          ref={(el) => {
            if (el) refs.current.set(tab.id, el);
            else refs.current.delete(tab.id);
          }}
          role="tab"
          type="button"
          id={`tab-${tab.id}`}
          aria-selected={tab.id === selected}
          aria-controls={`panel-${tab.id}`}
          tabIndex={tab.id === selected ? 0 : -1}
          className="tab"
          onClick={() => onSelect(tab.id)}
          onKeyDown={(event) => {
            if (event.key === 'ArrowRight') move(1);
            else if (event.key === 'ArrowLeft') move(-1);
          }}
        >
          {tab.label}
        </button>
      ))}
    </div>
  );
}

export function TabPanel({
  id,
  selected,
  children,
  ref,
}: {
  id: string;
  selected: string;
  children: ReactNode;
  ref?: Ref<HTMLDivElement>;
}) {
  // Panels stay mounted when hidden so that a SQL result or a laid-out plan survives a tab switch.
  return (
    <div
      role="tabpanel"
      id={`panel-${id}`}
      aria-labelledby={`tab-${id}`}
      hidden={id !== selected}
      className="tab-panel"
      ref={ref}
    >
      {children}
    </div>
  );
}

import type { ReactNode } from 'react';
import './warm-up-box.css';

/**
 * The box of a start-up warm-up (docs/data-path.md, items 6, 14 and 15): what it holds is rendered
 * and laid out like the real thing, so its code, styles and fonts run once before a file needs
 * them, but it is never seen, clicked, focused or read by assistive technology. `className` gives
 * the part its own size and layout.
 */
export function WarmUpBox({ className, children }: { className: string; children: ReactNode }) {
  return (
    <div className={className} aria-hidden="true" inert data-warm-up="">
      {children}
    </div>
  );
}

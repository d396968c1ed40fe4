import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { FileListWarmUp } from './file-list-warm-up';

describe('FileListWarmUp', () => {
  const html = renderToStaticMarkup(<FileListWarmUp />);

  it.each([
    {
      part: 'hidden from assistive technology and input',
      pattern: /^<div class="files-warm-up" aria-hidden="true" inert=""/,
    },
    { part: 'a loading file, as the active one', pattern: /class="file-item status-loading active"/ },
    { part: 'its table name in monospace', pattern: /<code>warm_up<\/code>/ },
    { part: 'its progress bar', pattern: /<progress[^>]*max="10"[^>]*value="0"/ },
    { part: 'its Cancel button', pattern: />Cancel<\/button>/ },
  ])('renders $part', ({ pattern }) => {
    expect(html).toMatch(pattern);
  });
});

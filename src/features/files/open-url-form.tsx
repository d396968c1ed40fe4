import { useEffect, useId, useRef, useState } from 'react';
import { toMemscopeError, type ErrorPayload } from '../../core/errors';
import { formatSize } from '../../core/format/quantities';
import { parseRemoteUrl, type RemoteUrl } from '../../core/url/remote-url';
import type { RemoteFileRef } from '../../data/remote/http-range-source';
import { downloadUrl, probeUrl } from '../../data/remote/open-remote';
import './open-url-form.css';

type Step =
  | { kind: 'idle' }
  | { kind: 'busy'; remote: RemoteUrl; whole: boolean; abort: AbortController }
  /** The server ignores byte ranges: read the whole file only if the user says so. */
  | { kind: 'asking'; remote: RemoteUrl; size: number | null };

/**
 * "Open by URL" (issue 8 item 8, docs/data-path.md "URL files"): a Parquet file at an http(s)
 * address, read by byte ranges in its own workers. A server that ignores ranges is read whole only
 * after the user says yes; "No" opens nothing. Errors go to the page's alert region; files already
 * open stay open.
 */
export function OpenUrlForm({
  onOpenRemote,
  onOpenFile,
  onError,
}: {
  /** A file whose server answers byte ranges: open it (Workspace.open). */
  onOpenRemote: (ref: RemoteFileRef) => void;
  /** The whole file, downloaded after the user said yes: open it as a dropped file. */
  onOpenFile: (file: File) => void;
  onError: (error: ErrorPayload) => void;
}) {
  const id = useId();
  const [text, setText] = useState('');
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const fail = (err: unknown, remote?: RemoteUrl) => {
    const error = toMemscopeError(err, { code: 'network', ...(remote ? { file: remote.fileName } : {}) });
    if (error.code !== 'cancelled') onError(error.toPayload());
  };

  const run = async (remote: RemoteUrl, whole: boolean) => {
    const abort = new AbortController();
    setStep({ kind: 'busy', remote, whole, abort });
    try {
      if (whole) {
        const file = await downloadUrl(remote, abort.signal);
        onOpenFile(file);
      } else {
        const probe = await probeUrl(remote, abort.signal);
        if (probe.kind === 'whole') {
          if (mounted.current) setStep({ kind: 'asking', remote, size: probe.size });
          return;
        }
        onOpenRemote(probe.ref);
      }
      if (mounted.current) setText('');
    } catch (err) {
      fail(err, remote);
    }
    if (mounted.current) setStep({ kind: 'idle' });
  };

  const open = () => {
    if (step.kind !== 'idle') return;
    let remote: RemoteUrl;
    try {
      remote = parseRemoteUrl(text);
    } catch (err) {
      fail(err);
      return;
    }
    void run(remote, false);
  };

  return (
    <div className="open-url">
      <form
        className="open-url-form"
        onSubmit={(event) => {
          event.preventDefault();
          open();
        }}
      >
        <label htmlFor={id}>Open by URL</label>
        <div className="open-url-row">
          <input
            id={id}
            type="url"
            inputMode="url"
            autoComplete="url"
            spellCheck={false}
            placeholder="https://…/file.parquet"
            value={text}
            disabled={step.kind !== 'idle'}
            onChange={(event) => setText(event.currentTarget.value)}
          />
          <button type="submit" className="button" disabled={step.kind !== 'idle'}>
            Open URL
          </button>
        </div>
      </form>
      {step.kind === 'busy' && (
        <p className="open-url-status" role="status">
          {step.whole ? 'Downloading' : 'Reading'} {step.remote.fileName} from {step.remote.host}…{' '}
          <button
            type="button"
            className="button button-small button-quiet"
            onClick={() => step.abort.abort()}
          >
            Cancel
          </button>
        </p>
      )}
      {step.kind === 'asking' && (
        <div className="open-url-question" role="alertdialog" aria-label="Read the whole file?">
          <p>
            {step.remote.host} does not support range requests: read the whole file
            {step.size === null ? '' : ` (${formatSize(step.size)})`}?
          </p>
          <button type="button" className="button" onClick={() => void run(step.remote, true)}>
            Yes
          </button>
          <button type="button" className="button button-quiet" onClick={() => setStep({ kind: 'idle' })}>
            No
          </button>
        </div>
      )}
    </div>
  );
}

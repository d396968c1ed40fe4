import type { ErrorPayload } from '../core/errors';

/**
 * The last safety net: an error that escaped every handler becomes a visible alert instead of a
 * console message, and is counted so the e2e guard can fail the run (no escaped error is "fine").
 */
export function installInternalErrorGuard(report: (error: ErrorPayload) => void): () => void {
  const onRejection = (event: PromiseRejectionEvent) => {
    event.preventDefault();
    report(toPayload(event.reason));
  };
  const onError = (event: ErrorEvent) => {
    event.preventDefault();
    report(toPayload(event.error ?? event.message));
  };
  window.addEventListener('unhandledrejection', onRejection);
  window.addEventListener('error', onError);
  return () => {
    window.removeEventListener('unhandledrejection', onRejection);
    window.removeEventListener('error', onError);
  };
}

function toPayload(reason: unknown): ErrorPayload {
  const detail = reason instanceof Error ? reason.message : String(reason);
  return {
    code: 'internal',
    message: 'Something went wrong inside memscope.',
    hint: 'Your open files are unaffected. If it happens again, please report it with the details.',
    detail,
  };
}

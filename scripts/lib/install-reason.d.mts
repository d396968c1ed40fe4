/** Types of install-reason.mjs, for its test. */
export function installReason(dir: string): string | null;

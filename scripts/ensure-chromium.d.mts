// Types for ensure-chromium.mjs, which playwright.config.ts imports.
export const DEFAULT_CHROMIUM: string;
export const CHROMIUM_ARGS: readonly string[];
export function chromiumPath(): string;
export function ensureChromium(): void;

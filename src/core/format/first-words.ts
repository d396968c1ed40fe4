/**
 * The first words of a text, for a tooltip: whitespace collapsed, at most `maxWords` words and
 * `maxChars` characters (cut at a word when one fits), with "…" when anything was left out.
 */
export function firstWords(text: string, maxWords = 18, maxChars = 140): string {
  const words = text.trim().split(/\s+/).filter(Boolean);
  let out = '';
  let used = 0;
  for (const w of words) {
    if (used === maxWords) break;
    const next = out ? `${out} ${w}` : w;
    if (next.length > maxChars) {
      // A first word longer than the limit is cut inside; otherwise stop before the word.
      if (!out) out = w.slice(0, maxChars);
      used = -1;
      break;
    }
    out = next;
    used++;
  }
  return used === -1 || used < words.length ? `${out}…` : out;
}

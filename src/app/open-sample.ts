/**
 * The bundled sample memory store (public/sample, made by scripts/generate-memory-store.mjs) is
 * fetched from the app's own origin and opened like dropped files, so `npm start` shows something
 * real. `?sample=0` in the URL skips it.
 */
interface SampleManifest {
  files: { name: string; url: string }[];
}

export function wantsSample(): boolean {
  return new URLSearchParams(window.location.search).get('sample') !== '0';
}

export async function fetchSampleFiles(): Promise<File[]> {
  const base = new URL('sample/', new URL(import.meta.env.BASE_URL, window.location.href));
  const response = await fetch(new URL('manifest.json', base));
  if (!response.ok) throw new Error(`the sample manifest could not be read (HTTP ${response.status})`);
  const manifest = (await response.json()) as SampleManifest;
  return Promise.all(
    manifest.files.map(async (entry) => {
      const file = await fetch(new URL(entry.url, base));
      if (!file.ok) throw new Error(`${entry.name} could not be read (HTTP ${file.status})`);
      return new File([await file.blob()], entry.name);
    }),
  );
}

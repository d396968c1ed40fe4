import type { SimilarPeer } from './search-scope';

/**
 * What a search covers: "Search all n open files with d-d vectors" (when other open files have
 * vectors of this dimension) and "Only rows matching the Explore filter" (when a file has one).
 * Across files, the filter applies to each file that has one; the others are searched whole.
 */
export function ScopeControls(p: {
  fileName: string;
  dim: number;
  peers: readonly SimilarPeer[];
  /** This file has an Explore filter. */
  hasFilter: boolean;
  acrossFiles: boolean;
  /** The peers are this store's files ("Find similar" from a store row), not every open file. */
  storeTitle?: string | null;
  onAcrossFiles(on: boolean): void;
  filtered: boolean;
  onFiltered(on: boolean): void;
}) {
  const across = p.acrossFiles && p.peers.length > 0;
  const withFilter = [
    ...(p.hasFilter ? [p.fileName] : []),
    ...(across ? p.peers.filter((peer) => peer.exploreFilter).map((peer) => peer.fileName) : []),
  ];
  return (
    <>
      {p.peers.length > 0 && (
        <label>
          <input
            type="checkbox"
            checked={p.acrossFiles}
            onChange={(e) => p.onAcrossFiles(e.target.checked)}
          />{' '}
          {p.storeTitle
            ? `Search all ${p.peers.length + 1} files of ${p.storeTitle} with ${p.dim}-d vectors`
            : `Search all ${p.peers.length + 1} open files with ${p.dim}-d vectors`}
        </label>
      )}
      {withFilter.length > 0 && (
        <label>
          <input type="checkbox" checked={p.filtered} onChange={(e) => p.onFiltered(e.target.checked)} /> Only
          rows matching the Explore filter
        </label>
      )}
      {across && p.filtered && withFilter.length > 0 && (
        <span className="similar-note">
          The filter applies to {withFilter.join(', ')}; the other files are searched whole.
        </span>
      )}
    </>
  );
}

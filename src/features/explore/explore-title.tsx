/** The Explore toolbar's heading: the file shown and the DuckDB table it is queried as. */
export function ExploreTitle({ fileName, tableName }: { fileName: string; tableName: string }) {
  return (
    <h2 className="ex-title">
      {fileName} <span className="ex-muted">as {tableName}</span>
    </h2>
  );
}

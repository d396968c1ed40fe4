/** A two-column table of labelled values (`<th scope="row">` + value), named for screen readers and tests. */
export function KeyValueTable({
  label,
  rows,
}: {
  label: string;
  rows: readonly (readonly [string, string])[];
}) {
  return (
    <table className="plans-summary" aria-label={label}>
      <tbody>
        {rows.map(([k, v]) => (
          <tr key={k}>
            <th scope="row">{k}</th>
            <td className="mono">{v}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

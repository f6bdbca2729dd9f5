// The optional "column = value" filters of the list readers (audit log, load errors): one place that
// turns the filters a caller gave into WHERE clauses and their parameters, in the same order.
/** Adds `column = ?` and its value for every filter that is set (undefined means "any"). */
export function equalFilters(
  clauses: string[],
  params: (string | number)[],
  filters: Record<string, string | number | undefined>,
): void {
  for (const [column, value] of Object.entries(filters)) {
    if (value === undefined) continue;
    clauses.push(`${column} = ?`);
    params.push(value);
  }
}

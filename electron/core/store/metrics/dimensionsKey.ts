// The canonical form of a CloudWatch dimension set, used as part of a series' natural key. CloudWatch
// matches a dimension set exactly and without regard to order (REFERENCE 5.1), so the key sorts the
// names; JSON keeps any character in names and values (`service class` has a space) unambiguous.

export function dimensionsKey(dimensions: Readonly<Record<string, string>>): string {
  const sorted = Object.keys(dimensions)
    .sort()
    .map((name) => [name, dimensions[name]]);
  return JSON.stringify(sorted);
}

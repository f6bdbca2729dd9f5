// The batch views' two pickers: a night among those stored (the chosen one kept even when older than
// the list), and a range of nights.
export const NIGHT_RANGES = [28, 90, 180, 400] as const;

export function NightSelect(props: {
  testId: string;
  value: string;
  nights: readonly string[];
  onChange(night: string): void;
}) {
  const options = props.nights.includes(props.value) ? props.nights : [props.value, ...props.nights];
  return (
    <select data-testid={props.testId} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
      {options.map((d) => (
        <option key={d} value={d}>
          {d}
        </option>
      ))}
    </select>
  );
}

export function RangeSelect(props: { testId: string; value: number; onChange(nights: number): void }) {
  return (
    <select
      data-testid={props.testId}
      value={props.value}
      onChange={(e) => props.onChange(Number(e.target.value))}
    >
      {NIGHT_RANGES.map((r) => (
        <option key={r} value={r}>
          last {r} nights
        </option>
      ))}
    </select>
  );
}

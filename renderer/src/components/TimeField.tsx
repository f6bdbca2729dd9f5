// A time of day (HH:MM) under its visible label, as the batch settings and a job's SLA ask for it;
// onChange gets the text ('' when cleared), not the event.
interface Props {
  label: string;
  value: string;
  onChange(value: string): void;
  testId?: string;
}

export function TimeField({ label, value, onChange, testId }: Props) {
  return (
    <label>
      {label}
      <input type="time" data-testid={testId} value={value} onChange={(e) => onChange(e.target.value)} />
    </label>
  );
}

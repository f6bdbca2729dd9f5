// A text box labelled for screen readers only (aria-label), for the short inline forms (acknowledge,
// exempt, save a rule) where the placeholder says what goes in. Written out by hand in a dozen
// places before (issue #15); onChange gets the text, not the event.
interface Props {
  /** Read by screen readers. */
  label: string;
  value: string;
  onChange(value: string): void;
  placeholder?: string;
  testId?: string;
  /** Classes after "input". */
  className?: string;
  type?: 'text' | 'datetime-local';
}

export function TextInput({ label, value, onChange, placeholder, testId, className, type }: Props) {
  return (
    <input
      className={className ? `input ${className}` : 'input'}
      type={type}
      aria-label={label}
      placeholder={placeholder}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      data-testid={testId}
    />
  );
}

/** Statements hidden from lists by pattern, per connection (issue #14). */
export interface HiddenPatterns {
  connectionId: string;
  /** SQL LIKE patterns (`%` any text, `_` one character), matched against the whole trimmed text. */
  patterns: string[];
  /** No saved choice: the defaults (a demo connection hides its own `SELECT pg_sleep(…)` noise). */
  isDefault: boolean;
}

export interface SetHiddenPatternsArgs {
  connectionId: string;
  patterns: string[];
}

// A form's onSubmit that stays on the page (no navigation) and starts the form's own action; a
// promise it returns is not awaited here (the action reports its own outcome). Seven forms wrote these
// lines out by hand (issue #15).
import type { FormEvent } from 'react';

export const submitTo = (act: () => unknown) => (event: FormEvent) => {
  event.preventDefault();
  void act();
};

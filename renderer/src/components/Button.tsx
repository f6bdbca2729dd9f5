import type { ButtonHTMLAttributes } from 'react';

/** How a button looks; the classes live in controls.css. */
export type ButtonLook = 'plain' | 'primary' | 'quiet' | 'danger' | 'danger-quiet';

export interface ButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'type'> {
  /** A form's own submit button says so; every other button must never submit by accident. */
  type?: 'button' | 'submit';
  look?: ButtonLook;
  small?: boolean;
}

/**
 * The app's one push button: a plain button unless it is said to submit its form (so no button submits by
 * accident), styled by look and size so a page says what a button is for instead of repeating class lists.
 */
export function Button({ type = 'button', look = 'plain', small = false, className, ...rest }: ButtonProps) {
  const classes = ['button'];
  if (small) classes.push('button-small');
  if (look !== 'plain') classes.push(`button-${look}`);
  if (className) classes.push(className);
  return <button type={type} className={classes.join(' ')} {...rest} />;
}

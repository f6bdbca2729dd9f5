import { testIds } from '../../../shared/testIds.ts';
import { Button } from './Button';

/** Instead of the app when the page cannot talk to the core at all; says what to do about it. */
export function FatalScreen({ title, message }: { title: string; message: string }) {
  return (
    <main className="fatal" data-testid={testIds.app.fatal}>
      <div className="panel fatal-box" role="alert">
        <h1 className="fatal-title">{title}</h1>
        <p>{message}</p>
        <Button onClick={() => window.location.reload()}>Try again</Button>
      </div>
    </main>
  );
}

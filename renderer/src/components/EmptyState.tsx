// What a view shows instead of a table or chart when there is nothing to draw, saying why (the words
// come from whyEmpty / useWhyEmpty, or the page's own). The message is data-safe text.
import { testIds } from '../../../shared/testIds.ts';
import './EmptyState.css';

export function EmptyState({ message, testId }: { message: string; testId?: string }) {
  return (
    <div className="empty-state" role="status" data-testid={testId ?? testIds.emptyState.root}>
      <span className="empty-state-mark" aria-hidden="true" />
      <p className="empty-state-text">{message}</p>
    </div>
  );
}

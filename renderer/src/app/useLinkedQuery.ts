// The statement a link names (`#/query?c=…&q=42&t=…`, `#/impact?…`): its connection (the link's or
// the one in view), its query id when the link's is a whole number of at most `maxDigits`, and the
// raw start time. The query detail and impact pages read these alike (issue #15).
import { useView } from './ViewState.ts';
import { useHashParams } from './useHashPage.ts';

export function useLinkedQuery(maxDigits: number) {
  const params = useHashParams();
  const view = useView();
  const queryText = params.get('q');
  return {
    params,
    view,
    connectionId: params.get('c') ?? view.connectionId,
    query:
      queryText !== null && new RegExp(`^\\d{1,${maxDigits}}$`).test(queryText) ? Number(queryText) : null,
    startParam: params.get('t'),
  };
}

import type { JobName } from '../../../../shared/model/collector.ts';
import { useView } from '../../app/ViewState.ts';
import { useCollectorStatus } from '../collector/useCollectorStatus.ts';
import { feedState, type FeedState } from './feedState.ts';

/** Where one collector feed of the page's connection stands (see feedState). */
export function useFeedState(job: JobName): FeedState {
  const { connectionId } = useView();
  const { status } = useCollectorStatus();
  return connectionId === null ? 'not-read-yet' : feedState(status, connectionId, job);
}

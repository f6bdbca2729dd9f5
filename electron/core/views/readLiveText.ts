// live.text: a live statement's full text, read from the cluster on demand (the live poll keeps only a
// preview). Provisioned: STL_QUERYTEXT pieces when the cluster has logged them (REFERENCE 1.5), else
// the 600 characters STV_RECENTS shows for the session (1.10). Serverless: SYS_QUERY_TEXT pieces, else
// SYS_QUERY_HISTORY.query_text (1.24). When the cluster cannot be read, the stored preview with a note.
import type Database from 'better-sqlite3';
import type { LiveText } from '../../../shared/model/live.ts';
import { ApiError } from '../base/ApiError.ts';
import { describeError } from '../base/describeError.ts';
import { reassembleText } from '../collector/statementText.ts';
import type { ClusterAccess } from '../redshift/ClusterAccess.ts';

const RECENTS_CHARS = 600;
const SYS_TEXT_CHARS = 4000;
const PIECES_MISSING = 'Some text pieces are missing.';

interface Piece {
  sequence: number;
  text: string;
}

export async function readLiveText(
  db: Database.Database,
  access: ClusterAccess,
  args: { connectionId: string; query: number },
): Promise<LiveText> {
  const live = db
    .prepare('SELECT pid, text_preview FROM live_statements WHERE connection_id = ? AND query = ?')
    .get(args.connectionId, args.query) as { pid: number | null; text_preview: string | null } | undefined;
  const preview = live?.text_preview ?? '';
  const fallback = (note: string): LiveText => ({ query: args.query, text: preview, complete: false, note });
  // What the cluster showed; the note says what is missing when it is not all of it.
  const answer = (text: string, complete: boolean, whenCut: string): LiveText => ({
    query: args.query,
    text,
    complete,
    note: complete ? null : whenCut,
  });
  // What the cluster shows in one text, cut at `limit` characters; null when it shows nothing.
  const shown = (text: string | null | undefined, limit: number, whenCut: string): LiveText | null =>
    typeof text === 'string' && text !== '' ? answer(text, text.length < limit, whenCut) : null;
  try {
    return await access.withSession(args.connectionId, async (session) => {
      // The statement's logged text pieces (`chars` each), put back together; null when none is logged.
      const logged = async (name: string, chars: number): Promise<LiveText | null> => {
        const pieces = await session.query<Piece>(name, [args.query]);
        if (pieces.length === 0) return null;
        const { text, complete } = reassembleText(pieces, chars);
        return answer(text, complete, PIECES_MISSING);
      };
      if (session.capabilities.includes('provisioned')) {
        const fromPieces = await logged('live_statement_text', 200);
        if (fromPieces) return fromPieces;
        if (live?.pid != null) {
          const recent = await session.query<{ text: string | null }>('live_recent_text', [live.pid]);
          const fromRecents = shown(
            recent[0]?.text,
            RECENTS_CHARS,
            `The cluster shows only the first ${RECENTS_CHARS} characters while the statement runs; the full text is in the history once it finishes.`,
          );
          if (fromRecents) return fromRecents;
        }
        return fallback(
          live
            ? 'The cluster no longer shows this statement (it may have finished): this is the preview from the last poll.'
            : 'This statement is not in the last live poll and the cluster does not show its text.',
        );
      }
      const fromPieces = await logged('live_sys_statement_text', SYS_TEXT_CHARS);
      if (fromPieces) return fromPieces;
      const history = await session.query<{ text: string | null }>('live_sys_history_text', [args.query]);
      return (
        shown(
          history[0]?.text,
          SYS_TEXT_CHARS,
          `Only the first ${SYS_TEXT_CHARS} characters are available yet.`,
        ) ??
        fallback(
          'The cluster does not show the text of this statement: this is the preview from the last poll.',
        )
      );
    });
  } catch (error) {
    if (error instanceof ApiError) throw error;
    return fallback(
      `The cluster could not be read (${describeError(error)}): this is the preview from the last poll.`,
    );
  }
}

/** Who is calling, as the door that received the call vouches for it. */
export interface Caller {
  door: 'ipc' | 'http';
  /** The desktop app, or door 2 started with --admin: may call methods that change state. */
  admin: boolean;
}

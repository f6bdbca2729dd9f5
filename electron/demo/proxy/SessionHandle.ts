// What the proxy can do to a session it knows by pid: a proxied client session (ProxySession) or a
// simulated one (SimulatedSession).
export interface SessionHandle {
  /** The pid clients see (pg_backend_pid(), STV_SESSIONS.process); null before login completes. */
  readonly pid: number | null;
  /** The CancelRequest key handed to the client. */
  readonly secret: number | null;
  /**
   * A cancel reached the session (CancelRequest, pg_cancel_backend, CANCEL): statements the proxy
   * still holds (waiting in a WLM queue) are cancelled here; running ones by the engine, which a
   * proxied session asks itself (REFERENCE 2.2).
   */
  cancel(): void;
  /** pg_terminate_backend of a session the engine cannot terminate itself (virtual pid). */
  terminate(): void;
  /** CANCEL pid 'message': the text the cancelled statement's error carries (REFERENCE 2.2). */
  expectCancel(message: string | null): void;
}

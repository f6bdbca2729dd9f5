// The proxy's logger shape: anything with these methods (console, the app's Logger adapter, a test sink).
export interface ProxyLog {
  info(message: string): void;
  warn(message: string): void;
}

/** Discards everything; the default so the proxy is quiet unless asked. */
export const silentLog: ProxyLog = {
  info: () => {},
  warn: () => {},
};

// An e2e file's afterAll: closes what its beforeAll opened (the browser, then the bed or the server), in
// order, skipping what never opened because beforeAll failed half-way.
interface Closable {
  close(): Promise<unknown>;
}
interface Stoppable {
  stop(): Promise<unknown>;
}

export async function closeAll(...things: readonly (Closable | Stoppable | undefined)[]): Promise<void> {
  for (const thing of things) {
    if (thing === undefined) continue;
    await ('close' in thing ? thing.close() : thing.stop());
  }
}

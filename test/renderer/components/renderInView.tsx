// Renders a real renderer component the way the app does: inside the Api and view contexts, over a
// fake transport whose answers the test gives per method (anything else fails loudly), and pushes
// events as the core would. For component tests in jsdom (`// @vitest-environment jsdom`).
import { render, type RenderResult } from '@testing-library/react';
import type { ReactNode } from 'react';
import type { ApiMethod, ArgsOf, ResultOf } from '../../../shared/api.ts';
import type { EventMap, EventName, PushedEvent } from '../../../shared/events.ts';
import { createApi, type Api } from '../../../renderer/src/api/Api.ts';
import { ApiContext } from '../../../renderer/src/api/ApiContext.tsx';
import type { StreamState, Transport } from '../../../renderer/src/api/Transport.ts';
import { ViewStateContext, type ViewState } from '../../../renderer/src/app/ViewState.ts';

export type Answers = { [M in ApiMethod]?: (args: ArgsOf<M>) => ResultOf<M> | Promise<ResultOf<M>> };

export interface FakeCore {
  api: Api;
  /** Every call made, in order. */
  calls: { method: ApiMethod; args: unknown }[];
  push<E extends EventName>(name: E, payload: EventMap[E]): void;
}

export function fakeCore(answers: Answers): FakeCore {
  const calls: FakeCore['calls'] = [];
  let emit: ((event: PushedEvent) => void) | null = null;
  const transport: Transport = {
    door: 'browser',
    async call(method, args) {
      calls.push({ method, args });
      const answer = answers[method] as ((a: unknown) => unknown) | undefined;
      if (!answer)
        return { ok: false, error: { code: 'unknown_method', message: `no answer for ${method}` } };
      try {
        return { ok: true, result: await answer(args) };
      } catch (e) {
        return {
          ok: false,
          error: { code: 'internal', message: e instanceof Error ? e.message : String(e) },
        };
      }
    },
    listen(onEvent, onState: (state: StreamState) => void) {
      emit = onEvent;
      onState('live');
      return () => {
        emit = null;
      };
    },
  };
  const api = createApi(transport);
  return {
    api,
    calls,
    push(name, payload) {
      emit?.({ name, payload } as PushedEvent);
    },
  };
}

export function viewState(over: Partial<ViewState> = {}): ViewState {
  const to = Date.parse('2026-12-04T06:00:00Z');
  return {
    connectionId: 'c1',
    setConnectionId: () => undefined,
    range: { kind: 'preset', preset: '24h' },
    setRange: () => undefined,
    resolved: {
      from: to - 86_400_000,
      to,
      fromIso: new Date(to - 86_400_000).toISOString(),
      toIso: new Date(to).toISOString(),
    },
    refresh: () => undefined,
    zone: 'utc',
    setZone: () => undefined,
    linkTo: (page) => `#/${page}`,
    ...over,
  };
}

export function renderInView(ui: ReactNode, core: FakeCore, view: Partial<ViewState> = {}): RenderResult {
  return render(
    <ApiContext.Provider value={core.api}>
      <ViewStateContext.Provider value={viewState(view)}>{ui}</ViewStateContext.Provider>
    </ApiContext.Provider>,
  );
}

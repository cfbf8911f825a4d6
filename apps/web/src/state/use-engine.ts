import { useEffect, useRef, useState } from 'react';
import type { EngineAnswers, EngineKind, Problem, RequestOf } from '../engine/protocol';
import { usePlanner } from './planner';

export interface EngineState<T> {
  /** The last answer, kept while a newer one is computed. */
  readonly value: T | undefined;
  readonly problems: readonly Problem[] | undefined;
  /** True from an input change until its answer arrives: what is shown is out of date. */
  readonly stale: boolean;
  readonly ms: number | undefined;
}

/** How long input must rest before the worker is asked again: typing a figure is one recompute, not one per key. */
const DEBOUNCE_MS = 150;

/**
 * Asks the worker whenever `request` changes (by content), debounced; the latest answer wins and
 * older ones are dropped. `null` asks nothing. Keeps the last answer on screen, marked stale.
 */
export function useEngine<K extends EngineKind>(request: RequestOf<K> | null, delay: number = DEBOUNCE_MS): EngineState<EngineAnswers[K]> {
  const { engine } = usePlanner();
  const key = request === null ? null : JSON.stringify(request);
  const [state, setState] = useState<EngineState<EngineAnswers[K]>>({
    value: undefined,
    problems: undefined,
    stale: key !== null,
    ms: undefined,
  });
  const latest = useRef<string | null>(null);
  const requestRef = useRef(request);
  requestRef.current = request;

  useEffect(() => {
    latest.current = key;
    if (key === null) return undefined;
    setState((s) => (s.stale ? s : { ...s, stale: true }));
    const timer = setTimeout(() => {
      const sent = requestRef.current;
      if (sent === null) return;
      void engine.request(sent).then(({ result, ms }) => {
        if (latest.current !== key) return;
        setState(
          result.ok
            ? { value: result.value, problems: undefined, stale: false, ms }
            : (s) => ({ value: s.value, problems: result.problems, stale: false, ms }),
        );
      });
    }, delay);
    return () => clearTimeout(timer);
  }, [key, delay, engine]);

  return state;
}

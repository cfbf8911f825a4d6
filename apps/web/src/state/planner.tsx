import { GUANGXI_2021, type ScenarioFile } from '@bagui/core/scenario';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { EngineClient } from '../engine/client';
import type { ApplicantsLoaded } from '../engine/protocol';

/** An applicants file read into the engine, with its text (downloaded beside a scenario file that names it). */
export type LoadedFile = ApplicantsLoaded & { readonly text: string };

/** What the planner holds: the scenario being planned, the applicants files loaded into the engine, the engine. */
export interface Planner {
  readonly scenario: ScenarioFile;
  /** Replaces the scenario with an edit of it (scenario-edit.ts) or another file. */
  update(edit: (file: ScenarioFile) => ScenarioFile): void;
  readonly files: readonly LoadedFile[];
  fileLoaded(loaded: LoadedFile): void;
  readonly engine: EngineClient;
  /** The saved scenario (on the API) this one was opened from or last saved as: what a save revises. */
  readonly saved: SavedRef | undefined;
  setSaved(saved: SavedRef | undefined): void;
}

/** A saved scenario's id, and the revision and ETag the planner's copy is based on. */
export interface SavedRef {
  readonly id: string;
  readonly name: string;
  readonly revision: number;
  readonly etag: string;
}

const PlannerContext = createContext<Planner | undefined>(undefined);

export function PlannerProvider({
  children,
  engine,
  initial = GUANGXI_2021,
}: {
  readonly children: ReactNode;
  readonly engine: EngineClient;
  readonly initial?: ScenarioFile;
}) {
  const [scenario, setScenario] = useState<ScenarioFile>(initial);
  const [files, setFiles] = useState<readonly LoadedFile[]>([]);
  const [saved, setSaved] = useState<SavedRef | undefined>();
  const update = useCallback((edit: (file: ScenarioFile) => ScenarioFile) => setScenario((file) => edit(file)), []);
  const fileLoaded = useCallback((loaded: LoadedFile) => setFiles((list) => [...list.filter((f) => f.path !== loaded.path), loaded]), []);
  const value = useMemo(
    () => ({ scenario, update, files, fileLoaded, engine, saved, setSaved }),
    [scenario, update, files, fileLoaded, engine, saved],
  );
  return <PlannerContext.Provider value={value}>{children}</PlannerContext.Provider>;
}

export function usePlanner(): Planner {
  const planner = useContext(PlannerContext);
  if (planner === undefined) throw new Error('usePlanner outside PlannerProvider');
  return planner;
}

import { readJson } from '@bagui/core/json';
import { BUILTIN_SCENARIOS, type ScenarioFile } from '@bagui/core/scenario';
import { useState } from 'react';
import { usePlanner } from '../../state/planner';
import { useEngine } from '../../state/use-engine';
import { download } from '../../ui/download';

/** Opening, running and downloading scenario files. The file is what `bagui run` reads, byte for byte as downloaded. */
export function useScenarioFile() {
  const { scenario, update, files, setSaved } = usePlanner();
  const state = useEngine<'evaluate'>({ kind: 'evaluate', scenario });
  const [opened, setOpened] = useState<{ title?: string; error?: string } | undefined>();

  const openBuiltin = (name: string): void => {
    const builtin = BUILTIN_SCENARIOS.find((s) => s.name === name);
    if (builtin === undefined) return;
    update(() => builtin);
    setSaved(undefined);
    setOpened({ title: builtin.title });
  };

  /**
   * A scenario file from disk: read as `bagui run` and the API read it (core's readJson: no key
   * twice, at most 64 levels deep, exact numbers), then checked by core in the worker like any edit.
   */
  const openFile = async (file: File): Promise<void> => {
    const read = readJson(await file.text());
    if (!read.ok) {
      setOpened({ error: `${file.name}: ${read.problems.map((p) => `${p.message} [${p.code}]`).join('; ')}` });
      return;
    }
    const parsed = read.value as ScenarioFile;
    update(() => parsed);
    setSaved(undefined);
    // Any JSON value is passed on (the worker says what is wrong with it): `null` has no title.
    const title: unknown = (read.value as { title?: unknown } | null)?.title;
    setOpened({ title: typeof title === 'string' ? title : file.name });
  };

  const downloadScenario = (): void => {
    const text = `${JSON.stringify(scenario, null, 2)}\n`;
    download(new Blob([text], { type: 'application/json' }), `${scenario.name}.json`);
  };

  /** The applicants files the scenario names and the planner holds: saved beside the scenario file, `bagui run` reads them. */
  const named = scenario.programmes.flatMap((p) => (p.applicants.file === undefined ? [] : [p.applicants.file]));
  const downloadable = files.filter((f) => named.includes(f.path));
  const downloadApplicants = (path: string): void => {
    const file = files.find((f) => f.path === path);
    if (file !== undefined) download(new Blob([file.text], { type: 'text/csv;charset=utf-8' }), path);
  };

  return {
    scenario,
    update,
    state,
    opened,
    openBuiltin,
    openFile,
    downloadScenario,
    downloadable,
    downloadApplicants,
    files,
  };
}

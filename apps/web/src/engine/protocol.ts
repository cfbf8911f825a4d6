/**
 * The planner's messages to and from its Web Worker, in one place. The worker runs @bagui/core
 * and nothing else; the page sends a scenario file (JSON, as `bagui run` reads it) and gets back
 * views of the result: plain data, amounts in integer fen, per-recipient columns as typed arrays.
 */
import type { Problem } from '@bagui/core/errors';
import type { ReformFile } from '@bagui/core/compare';
import type { ScenarioFile } from '@bagui/core/scenario';
import type { TraceStep } from '@bagui/core/programmes';

export type { Problem, ReformFile };

/** Integer fen. */
type FenValue = number;

export interface ProgrammeRow {
  readonly id: string;
  readonly programme: string;
  readonly citation: string;
  readonly method: string;
  readonly date: string;
  readonly envelope: FenValue;
  readonly entitlement: FenValue;
  readonly awarded: FenValue;
  readonly unallocated: FenValue;
  readonly recipients: number;
  /** Recipients paid something. */
  readonly funded: number;
}

interface LedgerFlow {
  readonly source: string;
  readonly programme: string;
  readonly allocated: FenValue;
  readonly awarded: FenValue;
  readonly unallocated: FenValue;
}

export interface ScenarioView {
  readonly name: string;
  readonly title: string;
  readonly totals: {
    readonly envelope: FenValue;
    readonly entitlement: FenValue;
    readonly awarded: FenValue;
    readonly unallocated: FenValue;
    readonly recipients: number;
  };
  readonly programmes: readonly ProgrammeRow[];
  readonly flows: readonly LedgerFlow[];
  /** The totals object of `bagui run --format json`, as text: for checks against the CLI. */
  readonly totalsJson: string;
}

export interface GroupSum {
  readonly value: string | null;
  readonly recipients: number;
  readonly entitlement: FenValue;
  readonly awarded: FenValue;
}

export interface MethodRow {
  readonly method: string;
  readonly entitlement: FenValue;
  readonly awarded: FenValue;
  readonly unallocated: FenValue;
  readonly funded: number;
  readonly fullyFunded: number;
  /** Size bands of entitlement with the share each band receives. */
  readonly bands: readonly {
    readonly label: { readonly zh: string; readonly en: string };
    readonly recipients: number;
    readonly entitlement: FenValue;
    readonly awarded: FenValue;
    readonly share: string | null;
  }[];
}

export interface HistogramBin {
  readonly lower: FenValue;
  readonly upper: FenValue;
  readonly recipients: number;
}

/** One programme of the scenario, recipient by recipient. */
export interface ProgrammeView {
  readonly id: string;
  readonly programme: string;
  readonly method: string;
  readonly totals: ProgrammeRow;
  readonly ids: readonly string[];
  readonly entitlements: Float64Array;
  readonly awards: Float64Array;
  /** 1 where a cap bound the recipient's entitlement. */
  readonly capped: Uint8Array;
  readonly groups: Readonly<Record<string, readonly (string | undefined)[]>>;
  readonly byGroup: Readonly<Record<string, readonly GroupSum[]>>;
  /** Recipients (and their awards) whose entitlement a cap bound, and those the envelope scaled down. */
  readonly cappedVsScaled: {
    readonly cappedOnly: { readonly recipients: number; readonly awarded: FenValue };
    readonly scaledOnly: { readonly recipients: number; readonly awarded: FenValue };
    readonly both: { readonly recipients: number; readonly awarded: FenValue };
    readonly neither: { readonly recipients: number; readonly awarded: FenValue };
  };
  readonly histogram: readonly HistogramBin[];
  readonly methods: readonly MethodRow[];
}

export interface ReformView {
  readonly name: string;
  readonly summary: { readonly zh: readonly string[]; readonly en: readonly string[] };
  readonly totals: { readonly awarded: FenValue; readonly unallocated: FenValue; readonly entitlement: FenValue };
  readonly change: { readonly awarded: FenValue; readonly unallocated: FenValue; readonly entitlement: FenValue };
  readonly programmes: readonly {
    readonly id: string;
    readonly programme: string;
    readonly baseline: FenValue;
    readonly reform: FenValue;
    readonly change: FenValue;
    readonly winners: number;
    readonly losers: number;
    readonly unchanged: number;
  }[];
  readonly sources: readonly { readonly key: string; readonly baseline: FenValue; readonly reform: FenValue; readonly change: FenValue }[];
  readonly bands: readonly {
    readonly label: { readonly zh: string; readonly en: string };
    readonly recipients: number;
    readonly change: FenValue;
  }[];
  readonly groups: readonly {
    readonly programme: string;
    readonly key: string;
    readonly value: string | null;
    readonly recipients: number;
    readonly change: FenValue;
    readonly winners: number;
    readonly losers: number;
  }[];
}

export interface CompareView {
  readonly baseline: { readonly awarded: FenValue; readonly unallocated: FenValue; readonly entitlement: FenValue };
  readonly reforms: readonly ReformView[];
}

export interface SweepAxisSpec {
  readonly path: string;
  readonly from: string;
  readonly to: string;
  readonly step: string;
}

export interface SweepView {
  readonly axes: readonly { readonly path: string; readonly kind: string; readonly values: readonly string[] }[];
  readonly points: readonly {
    readonly values: readonly string[];
    readonly cost: FenValue;
    readonly funded: number;
    readonly capped: number;
    readonly unallocated: FenValue;
  }[];
}

export interface ApplicantsLoaded {
  readonly path: string;
  readonly programme: string;
  readonly count: number;
}

/** What the page asks; `input` is the scenario being planned. */
export type EngineRequest =
  | { readonly kind: 'evaluate'; readonly scenario: ScenarioFile }
  | { readonly kind: 'programme'; readonly scenario: ScenarioFile; readonly programmeId: string }
  | { readonly kind: 'trace'; readonly scenario: ScenarioFile; readonly programmeId: string; readonly index: number }
  | { readonly kind: 'loadApplicants'; readonly programme: string; readonly path: string; readonly text: string }
  | { readonly kind: 'compare'; readonly scenario: ScenarioFile; readonly reforms: readonly ReformFile[] }
  | {
      readonly kind: 'sweep';
      readonly scenario: ScenarioFile;
      readonly programmeId: string;
      readonly axes: readonly [SweepAxisSpec] | readonly [SweepAxisSpec, SweepAxisSpec];
    }
  | { readonly kind: 'exportResults'; readonly scenario: ScenarioFile }
  /** The results as an XLSX workbook (@bagui/sheets, loaded in the worker only when asked). */
  | { readonly kind: 'exportWorkbook'; readonly scenario: ScenarioFile; readonly lang: 'zh' | 'en'; readonly ranAt: string };

/** What each request kind answers with. */
export interface EngineAnswers {
  evaluate: ScenarioView;
  programme: ProgrammeView;
  trace: TraceStep[];
  loadApplicants: ApplicantsLoaded;
  compare: CompareView;
  sweep: SweepView;
  /** Rows of the results table, header first: written as CSV by io/tables. */
  exportResults: string[][];
  /** The workbook's bytes (moved to the page, not copied). */
  exportWorkbook: Uint8Array;
}

export type EngineKind = EngineRequest['kind'];
export type RequestOf<K extends EngineKind> = Extract<EngineRequest, { kind: K }>;

export type EngineResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problems: readonly Problem[] };

/** Page → worker. */
export interface WorkerRequest {
  readonly id: number;
  readonly request: EngineRequest;
}

/** Worker → page: the answer, and how long the worker spent computing it. */
export interface WorkerResponse {
  readonly id: number;
  readonly result: EngineResult<unknown>;
  readonly ms: number;
}

/**
 * Examples shown by --help. Every line that starts with `npx bagui` is run by the tests from
 * a copy of the repository's layout, so what the help shows works when pasted.
 */
const SAMPLE = 'apps/cli/examples/enterprises.csv';

export const ROOT_EXAMPLES = `
Examples (from the repository root, after npm install && npm run build):
  npx bagui evaluate rd_incentive --enterprises ${SAMPLE} --budget 2000万 --totals-only
  npx bagui parameters --date 2024-06-30
  npx bagui scenarios
  npx bagui run guangxi-2021
  npx bagui generate tech_upgrade --count 51 --seed 2021 --out projects.csv
  npx bagui compare rd_incentive --enterprises ${SAMPLE} --budget 2000万 --reform apps/cli/examples/reforms/cap-above-800.json
  npx bagui sweep rd_incentive --enterprises ${SAMPLE} --budget 2000万 --path rd_incentive.high_tech.rate --from 0.10 --to 0.20 --step 0.05
  npx bagui keys create --role admin --name 'first admin'
  npx bagui evaluate tech_upgrade --applicants apps/cli/examples/tech-upgrade.csv --budget 5亿 --format table --totals-only
  npx bagui template rd_incentive --out template.xlsx
  npx bagui help evaluate

Exit codes: 0 done, 2 wrong input (every problem is listed on stderr, nothing is computed),
1 internal error (set BAGUI_DEBUG=1 to see the stack).
`;

export const EVALUATE_EXAMPLES = `
AMOUNT takes any accepted spelling: 20000000, 20,000,000.00, ¥20,000,000, 2000万, 0.2亿元.
The applicants file (--applicants, or --enterprises) is CSV (UTF-8 with or without a BOM, or
GBK/GB18030 as Chinese Excel saves it: detected, or --encoding) or XLSX (the first sheet, or
--sheet NAME). Headers are English or Chinese, in any order (rd_incentive: id/企业编号, scale/规模,
revenue/主营业务收入, rd_expense/研发费用, rd_expense_prev/上年研发费用, and optional ones); a unit in
a header applies to its column (研发费用（万元）); columns the programme does not use (序号, 备注…)
are ignored with a warning. A file with any invalid row is refused whole, every problem listed on
stderr (exit 2), unless --exclude-invalid leaves those rows out and lists them; --report FILE.xlsx
writes the input back with its problems marked. --out never replaces an input file.
rd_incentive's JSON and CSV are its contract's; the other programmes' JSON is the API's
(POST /v1/programmes/{key}/evaluate). A CSV written with --out starts with a UTF-8 BOM (Excel).

Examples (from the repository root):
  # every firm's entitlement, award and explanation trace, as JSON
  npx bagui evaluate rd_incentive --enterprises ${SAMPLE} --budget 2000万
  # totals only, sharing the envelope with a uniform cap, on a given date
  npx bagui evaluate rd_incentive --enterprises ${SAMPLE} --budget 2000万 --method uniform_cap --date 2024-06-30 --totals-only
  # a reform: raise the above-scale increment cap to 800万 for this run
  npx bagui evaluate rd_incentive --enterprises ${SAMPLE} --budget 2000万 --set rd_incentive.increment.cap_above=800万 --totals-only
  # a reform: one flat 12% increment rate for above-scale firms
  npx bagui evaluate rd_incentive --enterprises ${SAMPLE} --budget 2000万 --set 'rd_incentive.increment.tiers_above=[{"min_intensity":"0","rate":"0.12"}]' --totals-only
  # a spreadsheet of awards, written to a file (CSV with a BOM, or a workbook)
  npx bagui evaluate rd_incentive --enterprises ${SAMPLE} --budget 2000万 --method ranked --format csv --out awards.csv
  npx bagui evaluate rd_incentive --applicants ${SAMPLE} --budget 2000万 --format xlsx --out awards.xlsx --meta awards.meta.json
  # for a person: totals and every award in 万元
  npx bagui evaluate rd_incentive --applicants ${SAMPLE} --budget 2000万 --format table
  # a file with Chinese headers (企业编号, 规模, 主营业务收入, …), units in headers and a 备注 column
  npx bagui evaluate rd_incentive --enterprises apps/cli/examples/enterprises-zh.csv --budget 100万 --totals-only
  npx bagui evaluate rd_incentive --applicants apps/cli/examples/enterprises-units.csv --budget 100万 --totals-only
  # another programme: the API's JSON
  npx bagui evaluate tech_upgrade --applicants apps/cli/examples/tech-upgrade.csv --budget 5亿 --totals-only
`;

export const TEMPLATE_EXAMPLES = `
The template's first row is the Chinese headers, the second the English names, the third notes on
what each column takes (both skipped when it is read back); scale, yes/no and choice columns have
drop-downs. Filled in, it reads as it is: bagui evaluate PROGRAMME --applicants FILE.xlsx.

Examples (from the repository root):
  npx bagui template rd_incentive --out rd-template.xlsx
  npx bagui template talent --out talent-template.xlsx --rows 200
`;

export const PARAMETERS_EXAMPLES = `
Examples:
  npx bagui parameters
  npx bagui parameters --programme rd_incentive --date 2024-06-30 --format json
  npx bagui parameters --programme talent
  npx bagui parameters --set rd_incentive.firm_cap=1000万
`;

export const RUN_EXAMPLES = `
A scenario is a JSON file (schemaVersion 1): the funding sources (专项资金), and the programmes
with their envelopes, methods, reforms, funding split (adding up to each envelope exactly) and
applicants (a CSV file relative to the scenario file, generated, or records). The table shows
each programme's envelope, entitlement, award, unallocated rest, applicants and how many were
paid; the envelopes split into the letter's money, public figures from elsewhere and our
assumptions (⚠, each listed with its reason); each source's ledger and each city's. A scenario
with years and batches, commitments, an exclusion list, an enterprise cap or co-financing
cities adds a ledger per year, per enterprise, per level (区本级 / 市县) and whom the exclusion
list excluded. The JSON has the same with amounts as strings, and with --recipients every award
by source.
A scenario with any problem is refused whole: every problem is listed with its JSON path (or
the line and column of a CSV file), and nothing is computed.

Examples (from the repository root):
  # the reply letter's 2021 money, as a table
  npx bagui run guangxi-2021
  # the full result as JSON, written to a file
  npx bagui run guangxi-2021 --format json --out result.json
  # copy the built-in scenario to a file to edit, then run the file
  npx bagui scenarios show guangxi-2021 --out my-scenario.json
  npx bagui run my-scenario.json
  # every recipient's award, split by funding source
  npx bagui run guangxi-2021 --format json --recipients --out recipients.json
  # every recipient's entitlement and award as CSV (with a BOM), or a workbook with a sheet per programme
  npx bagui run guangxi-2021 --format csv --out awards.csv
  npx bagui run guangxi-2021 --format xlsx --out awards.xlsx
  # two R&D batches of 2020, 瞪羚 commitments, exclusions, an enterprise cap, co-financing cities
  npx bagui run guangxi-2020-2022
`;

export const SCENARIOS_EXAMPLES = `
Examples:
  npx bagui scenarios
  npx bagui scenarios show guangxi-2021
  npx bagui scenarios show guangxi-2021 --out my-scenario.json
`;

export const GENERATE_EXAMPLES = `
The same population, count and seed give the same bytes on every machine. Without --count, the
count is the one calibrated to the public figures: 1287 R&D award firms, 51 tech-upgrade projects
(investing exactly 123亿), 246 digital-subsidy applicants (237 enterprises, 9 universities), …
(packages/core/src/generate/README.md documents each population).

Examples (from the repository root):
  npx bagui generate tech_upgrade
  npx bagui generate digital_subsidy --seed 7 --out applicants.csv
  # a population to evaluate: the 2020 R&D award count, then the 2020 payout as the budget
  npx bagui generate rd_incentive --count 1287 --seed 2021 --out firms.csv
  npx bagui evaluate rd_incentive --enterprises firms.csv --budget 4.07亿 --totals-only
`;

export const COMPARE_EXAMPLES = `
A reform file is JSON: {"name", "description"?, "layers"?: [{"name", "overrides"}], "overrides"?: [{"path",
"value", "from"?}]}. Unknown fields are refused; two layers that set one parameter are a conflict
(REFORM.CONFLICT), never an overwrite. Each reform is summarized first (baseline → reform value, with
its source, in English and Chinese), then evaluated on the same parsed enterprises as the baseline.
A reform's key is the hash of its overrides @ the engine version: renaming it keeps the key.
The table shows totals, winners and losers, bands of change, each group (scale, city, industry,
high_tech, gazelle) and how often each cap bound; --format json has the same with amounts as strings;
--format csv has one row per reform and enterprise.

Examples (from the repository root):
  # what if the 规上 cap were 800万? and high-tech firms got 15%?
  npx bagui compare rd_incentive --enterprises ${SAMPLE} --budget 2000万 --reform apps/cli/examples/reforms/cap-above-800.json --reform apps/cli/examples/reforms/high-tech-15.json
  # which envelope method protects small firms? (the share of their entitlement paid, by size)
  npx bagui compare rd_incentive --enterprises ${SAMPLE} --budget 1500万 --methods pro_rata,uniform_cap,ranked
  # an ad-hoc reform from --set, as JSON, an award change under 1万 counting as unchanged
  npx bagui compare rd_incentive --enterprises ${SAMPLE} --budget 2000万 --set rd_incentive.firm_cap=1000万 --threshold 1万 --format json
  # every enterprise's change, as a spreadsheet
  npx bagui compare rd_incentive --enterprises ${SAMPLE} --budget 2000万 --reform apps/cli/examples/reforms/cap-800-and-high-tech-15.json --format csv --out changes.csv
  # a reform of a whole scenario: cost by programme and by funding source
  npx bagui compare --baseline guangxi-2021 --reform apps/cli/examples/reforms/cap-above-800.json
`;

export const SWEEP_EXAMPLES = `
The enterprises are read once; each point resolves the parameters and re-runs the rule and the
envelope (a budget swept alone reuses the entitlements). Amounts step in whole fen and rates in
exact decimals. --format json prints {"path", "points": [{"value", "totals"}]} with the totals as
evaluate prints them ({"grid", …} and each point's "grid" value with --grid; "metrics" with --metrics).

Examples (from the repository root):
  # the 规上 increment cap from 300万 to 1000万 in 50万 steps
  npx bagui sweep rd_incentive --enterprises ${SAMPLE} --budget 2000万 --path rd_incentive.increment.cap_above --from 300万 --to 1000万 --step 50万
  # the high-tech rate from 10% to 20%, as JSON
  npx bagui sweep rd_incentive --enterprises ${SAMPLE} --budget 2000万 --path rd_incentive.high_tech.rate --from 0.10 --to 0.20 --step 0.01 --format json
  # a grid: the cap × the envelope, by scale, as CSV
  npx bagui sweep rd_incentive --enterprises ${SAMPLE} --budget 2000万 --method uniform_cap --path rd_incentive.increment.cap_above --from 500万 --to 800万 --step 100万 --grid budget=1500万:2500万:500万 --by scale --format csv
`;

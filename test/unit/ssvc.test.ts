import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  AUTOMATABLES,
  CISA_COORDINATOR_ROWS,
  CISA_LEVELS,
  DEPLOYER_PRIORITIES,
  DEPLOYER_ROWS,
  EXPLOITATIONS,
  HUMAN_IMPACT_ROWS,
  HUMAN_IMPACTS,
  MISSION_IMPACTS,
  MISSION_PREVALENCES,
  MISSION_WELL_BEING_IMPACTS,
  MISSION_WELL_BEING_ROWS,
  PUBLIC_WELL_BEING_IMPACTS,
  SAFETY_IMPACTS,
  SYSTEM_EXPOSURES,
  TECHNICAL_IMPACTS,
  cisaCoordinatorDecision,
  deployerDecision,
  exploitationOf,
  humanImpact,
  missionWellBeing,
  parseSsvcCoordinatorInput,
  parseSsvcDeployerInput,
  parseSsvcHumanImpactInput,
  parseSsvcMissionWellBeingInput,
  systemExposureOf,
  type CisaCoordinatorInput,
  type DeployerInput,
} from '../../src/main/domain/risk/ssvc';

// Unchanged copies of CERT/CC's SSVC data (test/fixtures/ssvc/README.md).
const FIXTURES = 'test/fixtures/ssvc';
const fixture = (name: string) => readFileSync(`${FIXTURES}/${name}`, 'utf8');

/** Data rows of a fixture CSV, after checking its header so a reordered column cannot slip by. */
function csvRows(name: string, header: string): string[][] {
  const [first, ...lines] = fixture(name).trim().split(/\r?\n/);
  expect(first).toBe(header);
  // No data cell holds a comma or quote; only the deployer header quotes its outcome's name.
  return lines.map((line) => line.split(','));
}

/** SSVC labels ("public poc", "Very High") as our ids ("public-poc", "very-high"). */
const id = (label: string) => label.toLowerCase().replaceAll(' ', '-');

/** Drops the CSV's leading row number after checking it counts up from 0. */
const withoutRowNumbers = (rows: string[][]) =>
  rows.map(([n, ...cells], i) => {
    expect(n).toBe(String(i));
    return cells;
  });

describe('CISA coordinator tree', () => {
  const CISA_LEVEL_OF_CSV: Record<string, string> = {
    track: 'Track',
    'track*': 'Track*',
    attend: 'Attend',
    act: 'Act',
  };

  it('agrees with every row of cisa_coordinator_2_0_3.csv', () => {
    const rows = withoutRowNumbers(
      csvRows(
        'cisa_coordinator_2_0_3.csv',
        'row,Exploitation v1.1.0,Automatable v2.0.0,Technical Impact v1.0.0,Mission and Well-Being Impact v1.0.0,CISA Levels v1.1.0 (cisa)',
      ),
    );
    expect(rows).toHaveLength(36);
    for (const [e = '', a = '', ti = '', mwi = '', level = ''] of rows) {
      const input = { exploitation: id(e), automatable: a, technicalImpact: ti, missionWellBeing: mwi };
      expect(cisaCoordinatorDecision(input as CisaCoordinatorInput).outcome, JSON.stringify(input)).toBe(
        CISA_LEVEL_OF_CSV[level],
      );
    }
  });

  interface DecisionPoint {
    name: string;
    values: { key: string; name: string }[];
  }
  interface DecisionTableJson {
    decision_points: Record<string, DecisionPoint>;
    outcome: string;
    mapping: Record<string, string>[];
  }

  it('agrees with every mapping of cisa_coordinator_2_0_3.json, read through its value keys', () => {
    const table = JSON.parse(fixture('cisa_coordinator_2_0_3.json')) as DecisionTableJson;
    const nameOf = (point: string, key: string | undefined) =>
      table.decision_points[point]?.values.find((value) => value.key === key)?.name ?? `?${point}=${key ?? ''}`;
    expect(table.mapping).toHaveLength(36);
    for (const row of table.mapping) {
      const input = {
        exploitation: id(nameOf('ssvc:E:1.1.0', row['ssvc:E:1.1.0'])),
        automatable: id(nameOf('ssvc:A:2.0.0', row['ssvc:A:2.0.0'])),
        technicalImpact: id(nameOf('ssvc:TI:1.0.0', row['ssvc:TI:1.0.0'])),
        missionWellBeing: id(nameOf('ssvc:MWI:1.0.0', row['ssvc:MWI:1.0.0'])),
      };
      // The outcome names in the JSON are the ones we use: Track, Track*, Attend, Act.
      expect(cisaCoordinatorDecision(input as CisaCoordinatorInput).outcome, JSON.stringify(input)).toBe(
        nameOf(table.outcome, row[table.outcome]),
      );
    }
  });

  it.each([
    ['cisa_levels_1_1_0.json', CISA_LEVELS, (name: string) => name],
    ['mission_and_well_being_impact_1_0_0.json', MISSION_WELL_BEING_IMPACTS, id],
    ['mission_prevalence_1_0_0.json', MISSION_PREVALENCES, id],
    ['public_well_being_impact_1_1_0.json', PUBLIC_WELL_BEING_IMPACTS, id],
  ])('has the values %s defines, in its order', (name, values, toOurs) => {
    const point = JSON.parse(fixture(name)) as { values: { name: string }[] };
    expect(point.values.map((value) => toOurs(value.name))).toEqual(values);
  });

  it('returns the inputs that decided, and no others', () => {
    const input = {
      exploitation: 'active',
      automatable: 'yes',
      technicalImpact: 'total',
      missionWellBeing: 'medium',
      note: 'not an SSVC input',
    } as const;
    expect(cisaCoordinatorDecision(input)).toEqual({
      table: 'cisa-coordinator-2.0.3',
      inputs: { exploitation: 'active', automatable: 'yes', technicalImpact: 'total', missionWellBeing: 'medium' },
      outcome: 'Act',
    });
  });
});

describe('Mission and Well-Being Impact', () => {
  it('agrees with every row of mission_wellbeing_from_mp_pwi.csv', () => {
    const rows = csvRows(
      'mission_wellbeing_from_mp_pwi.csv',
      'mission_prevalence,public_wellbeing_impact,mission_and_wellbeing',
    );
    expect(rows).toHaveLength(9);
    for (const [mp = '', pwi = '', outcome = ''] of rows) {
      const decision = missionWellBeing(mp as never, pwi as never);
      expect(decision.outcome, `${mp} x ${pwi}`).toBe(outcome);
      expect(decision.inputs).toEqual({ missionPrevalence: mp, publicWellBeing: pwi });
    }
  });
});

describe('Human Impact', () => {
  it('agrees with every row of human_impact_1_0_0.csv', () => {
    const rows = withoutRowNumbers(
      csvRows('human_impact_1_0_0.csv', 'row,Safety Impact v2.0.1,Mission Impact v2.0.0,Human Impact v2.0.2'),
    );
    expect(rows).toHaveLength(16);
    for (const [safety = '', mission = '', outcome = ''] of rows) {
      const decision = humanImpact(safety as never, id(mission) as never);
      expect(decision.outcome, `${safety} x ${mission}`).toBe(id(outcome));
      expect(decision.inputs).toEqual({ safetyImpact: safety, missionImpact: id(mission) });
    }
  });
});

describe('CERT/CC deployer tree', () => {
  it('agrees with every row of deployer_patch_application_priority_1_0_0.csv', () => {
    const rows = withoutRowNumbers(
      csvRows(
        'deployer_patch_application_priority_1_0_0.csv',
        'row,Exploitation v1.1.0,System Exposure v1.0.1,Automatable v2.0.0,Human Impact v2.0.2,"Defer, Scheduled, Out-of-Cycle, Immediate v1.0.0"',
      ),
    );
    expect(rows).toHaveLength(72);
    for (const [e = '', exposure = '', a = '', hi = '', priority = ''] of rows) {
      const input = { exploitation: id(e), systemExposure: exposure, automatable: a, humanImpact: id(hi) };
      expect(deployerDecision(input as DeployerInput).outcome, JSON.stringify(input)).toBe(priority);
    }
  });

  it('decides from our own terms: a KEV bug on an internet-facing host', () => {
    const decision = deployerDecision({
      exploitation: exploitationOf({ inKev: true, publicExploit: false }),
      systemExposure: systemExposureOf('internet-facing'),
      automatable: 'yes',
      humanImpact: humanImpact('negligible', 'mef-failure').outcome,
    });
    expect(decision).toEqual({
      table: 'deployer-patch-application-priority-1.0.0',
      inputs: { exploitation: 'active', systemExposure: 'open', automatable: 'yes', humanImpact: 'medium' },
      outcome: 'out-of-cycle',
    });
  });
});

type Values = readonly string[];
const TABLES: [string, readonly (readonly string[])[], Values[], Values][] = [
  [
    'CISA coordinator',
    CISA_COORDINATOR_ROWS,
    [EXPLOITATIONS, AUTOMATABLES, TECHNICAL_IMPACTS, MISSION_WELL_BEING_IMPACTS],
    CISA_LEVELS,
  ],
  [
    'mission and well-being',
    MISSION_WELL_BEING_ROWS,
    [MISSION_PREVALENCES, PUBLIC_WELL_BEING_IMPACTS],
    MISSION_WELL_BEING_IMPACTS,
  ],
  ['human impact', HUMAN_IMPACT_ROWS, [SAFETY_IMPACTS, MISSION_IMPACTS], HUMAN_IMPACTS],
  ['deployer', DEPLOYER_ROWS, [EXPLOITATIONS, SYSTEM_EXPOSURES, AUTOMATABLES, HUMAN_IMPACTS], DEPLOYER_PRIORITIES],
];

const combinations = (columns: Values[]): string[][] =>
  columns.reduce<string[][]>((acc, values) => acc.flatMap((prefix) => values.map((v) => [...prefix, v])), [[]]);

describe.each(TABLES)('the %s table', (_name, rows, columns, outcomes) => {
  it('holds every combination of its inputs exactly once, each with a known outcome', () => {
    const keys = rows.map((row) => row.slice(0, -1).join('|'));
    expect([...keys].sort()).toEqual(
      combinations(columns)
        .map((key) => key.join('|'))
        .sort(),
    );
    for (const row of rows) expect(outcomes).toContain(row.at(-1));
  });

  // Not a rule the files state, but true of all four; a typo in a future edit would likely break it.
  it('never lowers its outcome when one input gets worse', () => {
    const outcomeOf = new Map(rows.map((row) => [row.slice(0, -1).join('|'), outcomes.indexOf(row.at(-1) ?? '')]));
    for (const key of combinations(columns)) {
      columns.forEach((values, i) => {
        const next = values[values.indexOf(key[i] ?? '') + 1];
        if (next === undefined) return;
        const worse = key.map((value, j) => (j === i ? next : value));
        expect(outcomeOf.get(worse.join('|')), `${key.join('|')} -> ${worse.join('|')}`).toBeGreaterThanOrEqual(
          outcomeOf.get(key.join('|')) ?? Infinity,
        );
      });
    }
  });
});

describe('parsing SSVC inputs from outside', () => {
  const coordinator = {
    exploitation: 'public-poc',
    automatable: 'no',
    technicalImpact: 'total',
    missionWellBeing: 'high',
  };

  it('accepts valid inputs as typed values', () => {
    expect(parseSsvcCoordinatorInput(coordinator)).toEqual({ ok: true, value: coordinator });
    expect(parseSsvcMissionWellBeingInput({ missionPrevalence: 'support', publicWellBeing: 'material' }).ok).toBe(true);
    expect(parseSsvcHumanImpactInput({ safetyImpact: 'critical', missionImpact: 'mef-failure' }).ok).toBe(true);
    expect(
      parseSsvcDeployerInput({
        exploitation: 'none',
        systemExposure: 'small',
        automatable: 'yes',
        humanImpact: 'very-high',
      }).ok,
    ).toBe(true);
  });

  it('refuses an unknown value, naming the field and what it accepts', () => {
    expect(parseSsvcCoordinatorInput({ ...coordinator, exploitation: 'public poc' })).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        message: 'Exploitation must be one of: none, public-poc, active',
        fields: { exploitation: 'Exploitation must be one of: none, public-poc, active' },
      },
    });
  });

  it.each([
    [
      'a missing field',
      parseSsvcDeployerInput,
      { exploitation: 'none', automatable: 'no', humanImpact: 'low' },
      'systemExposure',
    ],
    [
      'a field we do not know',
      parseSsvcHumanImpactInput,
      { safetyImpact: 'marginal', missionImpact: 'degraded', x: 1 },
      '_',
    ],
    [
      'a wrong case',
      parseSsvcMissionWellBeingInput,
      { missionPrevalence: 'Essential', publicWellBeing: 'minimal' },
      'missionPrevalence',
    ],
    [
      'the outcome instead of an input',
      parseSsvcCoordinatorInput,
      { ...coordinator, missionWellBeing: 'Act' },
      'missionWellBeing',
    ],
    ['not an object', parseSsvcCoordinatorInput, 'active', '_'],
  ])(
    'refuses %s',
    (_what, parse: (raw: unknown) => { ok: boolean; error?: { code: string; fields?: object } }, raw, field) => {
      const result = parse(raw);
      expect(result.ok).toBe(false);
      expect(result.error?.code).toBe('invalid_input');
      expect(Object.keys(result.error?.fields ?? {})).toContain(field);
    },
  );
});

describe('our terms in SSVC terms', () => {
  it.each([
    ['internet-facing', 'open'],
    ['internal', 'controlled'],
    ['isolated', 'small'],
  ] as const)('a host that is %s has %s system exposure', (exposure, expected) => {
    expect(systemExposureOf(exposure)).toBe(expected);
  });

  it.each([
    [{ inKev: true, publicExploit: true }, 'active'],
    [{ inKev: true, publicExploit: false }, 'active'],
    [{ inKev: false, publicExploit: true }, 'public-poc'],
    [{ inKev: false, publicExploit: false }, 'none'],
  ] as const)('exploit evidence %o is %s exploitation', (evidence, expected) => {
    expect(exploitationOf(evidence)).toBe(expected);
  });
});

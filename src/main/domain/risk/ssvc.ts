import { z } from 'zod';
import type { Exposure } from '../../../shared/domain/host';
import { fail, ok, type Envelope } from '../../../shared/result';
import {
  AUTOMATABLES,
  CISA_COORDINATOR_ROWS,
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
  type CisaLevel,
  type DeployerPriority,
  type Exploitation,
  type HumanImpact,
  type MissionImpact,
  type MissionPrevalence,
  type MissionWellBeingImpact,
  type PublicWellBeingImpact,
  type SafetyImpact,
  type SystemExposure,
} from './ssvc-tables';

export * from './ssvc-tables';

/** Which SSVC table decided: the UI names it when it explains an outcome. */
export type SsvcTable =
  | 'cisa-coordinator-2.0.3'
  | 'mission-well-being-1.0.0'
  | 'human-impact-1.0.0'
  | 'deployer-patch-application-priority-1.0.0';

/** An outcome with every input that led to it, so each score can be expanded into its reasons. */
export interface SsvcDecision<Inputs, Outcome> {
  table: SsvcTable;
  inputs: Inputs;
  outcome: Outcome;
}

/**
 * Indexes a table by its input columns. A duplicate row is a transcription error, so it throws when
 * the module loads; a missing one throws on lookup. The tests prove neither can happen.
 */
function indexRows<Key extends readonly string[], Outcome extends string>(
  rows: readonly (readonly [...Key, Outcome])[],
): (key: Key) => Outcome {
  const index = new Map<string, Outcome>();
  for (const row of rows) {
    const key = row.slice(0, -1).join('|');
    if (index.has(key)) throw new Error(`SSVC table has two rows for ${key}`);
    index.set(key, row[row.length - 1] as Outcome);
  }
  return (key) => {
    const outcome = index.get(key.join('|'));
    if (outcome === undefined) throw new Error(`SSVC table has no row for ${key.join('|')}`);
    return outcome;
  };
}

const cisaLevelOf = indexRows(CISA_COORDINATOR_ROWS);
const missionWellBeingOf = indexRows(MISSION_WELL_BEING_ROWS);
const humanImpactOf = indexRows(HUMAN_IMPACT_ROWS);
const deployerPriorityOf = indexRows(DEPLOYER_ROWS);

// Values from outside (a feed, a form, IPC) go through these schemas once; the functions below
// take typed values only.
const oneOf = <T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z.enum(values, { error: () => `${what} must be one of: ${values.join(', ')}` });

const exploitation = oneOf(EXPLOITATIONS, 'Exploitation');
const automatable = oneOf(AUTOMATABLES, 'Automatable');

export const cisaCoordinatorInputSchema = z.strictObject({
  exploitation,
  automatable,
  technicalImpact: oneOf(TECHNICAL_IMPACTS, 'Technical impact'),
  missionWellBeing: oneOf(MISSION_WELL_BEING_IMPACTS, 'Mission and well-being impact'),
});
export const missionWellBeingInputSchema = z.strictObject({
  missionPrevalence: oneOf(MISSION_PREVALENCES, 'Mission prevalence'),
  publicWellBeing: oneOf(PUBLIC_WELL_BEING_IMPACTS, 'Public well-being impact'),
});
export const humanImpactInputSchema = z.strictObject({
  safetyImpact: oneOf(SAFETY_IMPACTS, 'Safety impact'),
  missionImpact: oneOf(MISSION_IMPACTS, 'Mission impact'),
});
export const deployerInputSchema = z.strictObject({
  exploitation,
  systemExposure: oneOf(SYSTEM_EXPOSURES, 'System exposure'),
  automatable,
  humanImpact: oneOf(HUMAN_IMPACTS, 'Human impact'),
});

export type CisaCoordinatorInput = z.infer<typeof cisaCoordinatorInputSchema>;
export type MissionWellBeingInput = z.infer<typeof missionWellBeingInputSchema>;
export type HumanImpactInput = z.infer<typeof humanImpactInputSchema>;
export type DeployerInput = z.infer<typeof deployerInputSchema>;

function parseWith<T>(schema: z.ZodType<T>, raw: unknown): Envelope<T> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return ok(parsed.data);
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) fields[issue.path.map(String).join('.') || '_'] ??= issue.message;
  return fail('invalid_input', Object.values(fields).join('; '), fields);
}

export const parseSsvcCoordinatorInput = (raw: unknown) => parseWith(cisaCoordinatorInputSchema, raw);
export const parseSsvcMissionWellBeingInput = (raw: unknown) => parseWith(missionWellBeingInputSchema, raw);
export const parseSsvcHumanImpactInput = (raw: unknown) => parseWith(humanImpactInputSchema, raw);
export const parseSsvcDeployerInput = (raw: unknown) => parseWith(deployerInputSchema, raw);

/** CISA's coordinator tree: how much attention a vulnerability needs (Track … Act). */
export function cisaCoordinatorDecision(input: CisaCoordinatorInput): SsvcDecision<CisaCoordinatorInput, CisaLevel> {
  // Copied field by field so the decision never holds the caller's object or extra fields.
  const inputs = {
    exploitation: input.exploitation,
    automatable: input.automatable,
    technicalImpact: input.technicalImpact,
    missionWellBeing: input.missionWellBeing,
  };
  const outcome = cisaLevelOf([
    inputs.exploitation,
    inputs.automatable,
    inputs.technicalImpact,
    inputs.missionWellBeing,
  ]);
  return { table: 'cisa-coordinator-2.0.3', inputs, outcome };
}

/** The coordinator tree's Mission and Well-Being Impact input, from its two parts. */
export function missionWellBeing(
  missionPrevalence: MissionPrevalence,
  publicWellBeing: PublicWellBeingImpact,
): SsvcDecision<MissionWellBeingInput, MissionWellBeingImpact> {
  const outcome = missionWellBeingOf([missionPrevalence, publicWellBeing]);
  return { table: 'mission-well-being-1.0.0', inputs: { missionPrevalence, publicWellBeing }, outcome };
}

/** The deployer tree's Human Impact input, from Safety Impact and Mission Impact. */
export function humanImpact(
  safetyImpact: SafetyImpact,
  missionImpact: MissionImpact,
): SsvcDecision<HumanImpactInput, HumanImpact> {
  return {
    table: 'human-impact-1.0.0',
    inputs: { safetyImpact, missionImpact },
    outcome: humanImpactOf([safetyImpact, missionImpact]),
  };
}

/** CERT/CC's deployer tree: when to apply a patch (defer … immediate). */
export function deployerDecision(input: DeployerInput): SsvcDecision<DeployerInput, DeployerPriority> {
  const inputs = {
    exploitation: input.exploitation,
    systemExposure: input.systemExposure,
    automatable: input.automatable,
    humanImpact: input.humanImpact,
  };
  const outcome = deployerPriorityOf([
    inputs.exploitation,
    inputs.systemExposure,
    inputs.automatable,
    inputs.humanImpact,
  ]);
  return { table: 'deployer-patch-application-priority-1.0.0', inputs, outcome };
}

/**
 * A host's exposure in SSVC's System Exposure terms. SSVC's small is "local service or program;
 * highly controlled network", controlled is "networked service with some access restrictions or
 * mitigations", open is "internet or another widely accessible network". An internal host on a
 * flat network that everyone reaches is closer to open: the admin's label is trusted as given.
 */
const SYSTEM_EXPOSURE_OF: Record<Exposure, SystemExposure> = {
  'internet-facing': 'open',
  internal: 'controlled',
  isolated: 'small',
};

export function systemExposureOf(exposure: Exposure): SystemExposure {
  return SYSTEM_EXPOSURE_OF[exposure];
}

/** What we know about exploitation of a vulnerability, from the feeds we import. */
export interface ExploitEvidence {
  /** Listed in CISA's Known Exploited Vulnerabilities catalog. */
  inKev: boolean;
  /** A public exploit or proof of concept exists (Metasploit, ExploitDB, a well-known method). */
  publicExploit: boolean;
}

/**
 * SSVC's Exploitation from our evidence. KEV lists only exploitation CISA has confirmed in the
 * wild, which is SSVC's active. Absence from KEV proves nothing (KEV lags, and lists only CVEs
 * with a remediation): none means "no evidence we hold", so a newer feed must re-decide.
 */
export function exploitationOf(evidence: ExploitEvidence): Exploitation {
  if (evidence.inKev) return 'active';
  return evidence.publicExploit ? 'public-poc' : 'none';
}

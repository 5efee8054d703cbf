/**
 * SSVC decision points and decision tables as data, transcribed from CERT/CC's SSVC repository
 * (github.com/CERTCC/SSVC, data/csv/). Table data © 2026 Carnegie Mellon University, MIT (SEI)-style
 * licence: resources/licenses/LICENSE-CERTCC-SSVC.txt, shipped with the app. The tests
 * check every row against copies of those files and that each table holds every combination once.
 *
 * Values are kebab-case ids (`public-poc`, `very-high`) like the rest of our unions; SSVC's labels
 * are the same words with spaces. Every list runs from least to most severe: the tests rely on that
 * order to check that raising one input never lowers an outcome.
 */

export const EXPLOITATIONS = ['none', 'public-poc', 'active'] as const;
export const AUTOMATABLES = ['no', 'yes'] as const;
export const TECHNICAL_IMPACTS = ['partial', 'total'] as const;
export const MISSION_PREVALENCES = ['minimal', 'support', 'essential'] as const;
export const PUBLIC_WELL_BEING_IMPACTS = ['minimal', 'material', 'irreversible'] as const;
export const MISSION_WELL_BEING_IMPACTS = ['low', 'medium', 'high'] as const;
export const CISA_LEVELS = ['Track', 'Track*', 'Attend', 'Act'] as const;
export const SYSTEM_EXPOSURES = ['small', 'controlled', 'open'] as const;
export const SAFETY_IMPACTS = ['negligible', 'marginal', 'critical', 'catastrophic'] as const;
export const MISSION_IMPACTS = ['degraded', 'mef-support-crippled', 'mef-failure', 'mission-failure'] as const;
export const HUMAN_IMPACTS = ['low', 'medium', 'high', 'very-high'] as const;
export const DEPLOYER_PRIORITIES = ['defer', 'scheduled', 'out-of-cycle', 'immediate'] as const;

/** Exploitation v1.1.0: no evidence / public proof of concept / used in the wild. */
export type Exploitation = (typeof EXPLOITATIONS)[number];
/** Automatable v2.0.0: can an attacker automate reconnaissance through exploitation? */
export type Automatable = (typeof AUTOMATABLES)[number];
/** Technical Impact v1.0.0: limited control or information, or total. */
export type TechnicalImpact = (typeof TECHNICAL_IMPACTS)[number];
/** Mission Prevalence v1.0.0 (CISA): how much mission-essential functions rely on the component. */
export type MissionPrevalence = (typeof MISSION_PREVALENCES)[number];
/** Public Well-Being Impact v1.1.0. */
export type PublicWellBeingImpact = (typeof PUBLIC_WELL_BEING_IMPACTS)[number];
/** Mission and Well-Being Impact v1.0.0: derived from the two above. */
export type MissionWellBeingImpact = (typeof MISSION_WELL_BEING_IMPACTS)[number];
/** CISA Levels v1.1.0, the CISA coordinator tree's outcome. */
export type CisaLevel = (typeof CISA_LEVELS)[number];
/** System Exposure v1.0.1: local or isolated / access-restricted network / internet-wide. */
export type SystemExposure = (typeof SYSTEM_EXPOSURES)[number];
/** Safety Impact v2.0.1 (IEC 61508 terms). */
export type SafetyImpact = (typeof SAFETY_IMPACTS)[number];
/** Mission Impact v2.0.0; "MEF" is a mission essential function. */
export type MissionImpact = (typeof MISSION_IMPACTS)[number];
/** Human Impact v2.0.2: derived from Safety Impact and Mission Impact. */
export type HumanImpact = (typeof HUMAN_IMPACTS)[number];
/** Patch application priority v1.0.0, the CERT/CC deployer tree's outcome. */
export type DeployerPriority = (typeof DEPLOYER_PRIORITIES)[number];

export type CisaCoordinatorRow = readonly [
  Exploitation,
  Automatable,
  TechnicalImpact,
  MissionWellBeingImpact,
  CisaLevel,
];
export type MissionWellBeingRow = readonly [MissionPrevalence, PublicWellBeingImpact, MissionWellBeingImpact];
export type HumanImpactRow = readonly [SafetyImpact, MissionImpact, HumanImpact];
export type DeployerRow = readonly [Exploitation, SystemExposure, Automatable, HumanImpact, DeployerPriority];

/** cisa:DT_CO 2.0.3: Exploitation, Automatable, Technical Impact, Mission & Well-Being -> level. */
export const CISA_COORDINATOR_ROWS: readonly CisaCoordinatorRow[] = [
  ['none', 'no', 'partial', 'low', 'Track'],
  ['none', 'no', 'partial', 'medium', 'Track'],
  ['none', 'no', 'partial', 'high', 'Track'],
  ['none', 'no', 'total', 'low', 'Track'],
  ['none', 'no', 'total', 'medium', 'Track'],
  ['none', 'no', 'total', 'high', 'Track*'],
  ['none', 'yes', 'partial', 'low', 'Track'],
  ['none', 'yes', 'partial', 'medium', 'Track'],
  ['none', 'yes', 'partial', 'high', 'Attend'],
  ['none', 'yes', 'total', 'low', 'Track'],
  ['none', 'yes', 'total', 'medium', 'Track'],
  ['none', 'yes', 'total', 'high', 'Attend'],
  ['public-poc', 'no', 'partial', 'low', 'Track'],
  ['public-poc', 'no', 'partial', 'medium', 'Track'],
  ['public-poc', 'no', 'partial', 'high', 'Track*'],
  ['public-poc', 'no', 'total', 'low', 'Track'],
  ['public-poc', 'no', 'total', 'medium', 'Track*'],
  ['public-poc', 'no', 'total', 'high', 'Attend'],
  ['public-poc', 'yes', 'partial', 'low', 'Track'],
  ['public-poc', 'yes', 'partial', 'medium', 'Track'],
  ['public-poc', 'yes', 'partial', 'high', 'Attend'],
  ['public-poc', 'yes', 'total', 'low', 'Track'],
  ['public-poc', 'yes', 'total', 'medium', 'Track*'],
  ['public-poc', 'yes', 'total', 'high', 'Attend'],
  ['active', 'no', 'partial', 'low', 'Track'],
  ['active', 'no', 'partial', 'medium', 'Track'],
  ['active', 'no', 'partial', 'high', 'Attend'],
  ['active', 'no', 'total', 'low', 'Track'],
  ['active', 'no', 'total', 'medium', 'Attend'],
  ['active', 'no', 'total', 'high', 'Act'],
  ['active', 'yes', 'partial', 'low', 'Attend'],
  ['active', 'yes', 'partial', 'medium', 'Attend'],
  ['active', 'yes', 'partial', 'high', 'Act'],
  ['active', 'yes', 'total', 'low', 'Attend'],
  ['active', 'yes', 'total', 'medium', 'Act'],
  ['active', 'yes', 'total', 'high', 'Act'],
];

/**
 * Mission Prevalence x Public Well-Being Impact -> Mission and Well-Being Impact v1.0.0. The value
 * definitions in mission_and_well_being_impact_1_0_0.json leave minimal x material undefined (Low
 * needs both minimal, Medium needs support); SSVC's published table says medium, and so do we.
 */
export const MISSION_WELL_BEING_ROWS: readonly MissionWellBeingRow[] = [
  ['minimal', 'minimal', 'low'],
  ['minimal', 'material', 'medium'],
  ['minimal', 'irreversible', 'high'],
  ['support', 'minimal', 'medium'],
  ['support', 'material', 'medium'],
  ['support', 'irreversible', 'high'],
  ['essential', 'minimal', 'high'],
  ['essential', 'material', 'high'],
  ['essential', 'irreversible', 'high'],
];

/** ssvc:HI 1.0.0: Safety Impact x Mission Impact -> Human Impact. */
export const HUMAN_IMPACT_ROWS: readonly HumanImpactRow[] = [
  ['negligible', 'degraded', 'low'],
  ['negligible', 'mef-support-crippled', 'low'],
  ['negligible', 'mef-failure', 'medium'],
  ['negligible', 'mission-failure', 'very-high'],
  ['marginal', 'degraded', 'low'],
  ['marginal', 'mef-support-crippled', 'low'],
  ['marginal', 'mef-failure', 'medium'],
  ['marginal', 'mission-failure', 'very-high'],
  ['critical', 'degraded', 'medium'],
  ['critical', 'mef-support-crippled', 'high'],
  ['critical', 'mef-failure', 'high'],
  ['critical', 'mission-failure', 'very-high'],
  ['catastrophic', 'degraded', 'very-high'],
  ['catastrophic', 'mef-support-crippled', 'very-high'],
  ['catastrophic', 'mef-failure', 'very-high'],
  ['catastrophic', 'mission-failure', 'very-high'],
];

/** ssvc:DT_DP 1.0.0: Exploitation, System Exposure, Automatable, Human Impact -> priority. */
export const DEPLOYER_ROWS: readonly DeployerRow[] = [
  ['none', 'small', 'no', 'low', 'defer'],
  ['none', 'small', 'no', 'medium', 'defer'],
  ['none', 'small', 'no', 'high', 'scheduled'],
  ['none', 'small', 'no', 'very-high', 'scheduled'],
  ['none', 'small', 'yes', 'low', 'defer'],
  ['none', 'small', 'yes', 'medium', 'scheduled'],
  ['none', 'small', 'yes', 'high', 'scheduled'],
  ['none', 'small', 'yes', 'very-high', 'scheduled'],
  ['none', 'controlled', 'no', 'low', 'defer'],
  ['none', 'controlled', 'no', 'medium', 'scheduled'],
  ['none', 'controlled', 'no', 'high', 'scheduled'],
  ['none', 'controlled', 'no', 'very-high', 'scheduled'],
  ['none', 'controlled', 'yes', 'low', 'scheduled'],
  ['none', 'controlled', 'yes', 'medium', 'scheduled'],
  ['none', 'controlled', 'yes', 'high', 'scheduled'],
  ['none', 'controlled', 'yes', 'very-high', 'scheduled'],
  ['none', 'open', 'no', 'low', 'defer'],
  ['none', 'open', 'no', 'medium', 'scheduled'],
  ['none', 'open', 'no', 'high', 'scheduled'],
  ['none', 'open', 'no', 'very-high', 'scheduled'],
  ['none', 'open', 'yes', 'low', 'scheduled'],
  ['none', 'open', 'yes', 'medium', 'scheduled'],
  ['none', 'open', 'yes', 'high', 'scheduled'],
  ['none', 'open', 'yes', 'very-high', 'out-of-cycle'],
  ['public-poc', 'small', 'no', 'low', 'defer'],
  ['public-poc', 'small', 'no', 'medium', 'scheduled'],
  ['public-poc', 'small', 'no', 'high', 'scheduled'],
  ['public-poc', 'small', 'no', 'very-high', 'scheduled'],
  ['public-poc', 'small', 'yes', 'low', 'scheduled'],
  ['public-poc', 'small', 'yes', 'medium', 'scheduled'],
  ['public-poc', 'small', 'yes', 'high', 'scheduled'],
  ['public-poc', 'small', 'yes', 'very-high', 'scheduled'],
  ['public-poc', 'controlled', 'no', 'low', 'defer'],
  ['public-poc', 'controlled', 'no', 'medium', 'scheduled'],
  ['public-poc', 'controlled', 'no', 'high', 'scheduled'],
  ['public-poc', 'controlled', 'no', 'very-high', 'scheduled'],
  ['public-poc', 'controlled', 'yes', 'low', 'scheduled'],
  ['public-poc', 'controlled', 'yes', 'medium', 'scheduled'],
  ['public-poc', 'controlled', 'yes', 'high', 'scheduled'],
  ['public-poc', 'controlled', 'yes', 'very-high', 'out-of-cycle'],
  ['public-poc', 'open', 'no', 'low', 'scheduled'],
  ['public-poc', 'open', 'no', 'medium', 'scheduled'],
  ['public-poc', 'open', 'no', 'high', 'scheduled'],
  ['public-poc', 'open', 'no', 'very-high', 'out-of-cycle'],
  ['public-poc', 'open', 'yes', 'low', 'scheduled'],
  ['public-poc', 'open', 'yes', 'medium', 'scheduled'],
  ['public-poc', 'open', 'yes', 'high', 'out-of-cycle'],
  ['public-poc', 'open', 'yes', 'very-high', 'out-of-cycle'],
  ['active', 'small', 'no', 'low', 'scheduled'],
  ['active', 'small', 'no', 'medium', 'scheduled'],
  ['active', 'small', 'no', 'high', 'out-of-cycle'],
  ['active', 'small', 'no', 'very-high', 'out-of-cycle'],
  ['active', 'small', 'yes', 'low', 'scheduled'],
  ['active', 'small', 'yes', 'medium', 'out-of-cycle'],
  ['active', 'small', 'yes', 'high', 'out-of-cycle'],
  ['active', 'small', 'yes', 'very-high', 'out-of-cycle'],
  ['active', 'controlled', 'no', 'low', 'scheduled'],
  ['active', 'controlled', 'no', 'medium', 'scheduled'],
  ['active', 'controlled', 'no', 'high', 'out-of-cycle'],
  ['active', 'controlled', 'no', 'very-high', 'out-of-cycle'],
  ['active', 'controlled', 'yes', 'low', 'out-of-cycle'],
  ['active', 'controlled', 'yes', 'medium', 'out-of-cycle'],
  ['active', 'controlled', 'yes', 'high', 'out-of-cycle'],
  ['active', 'controlled', 'yes', 'very-high', 'out-of-cycle'],
  ['active', 'open', 'no', 'low', 'scheduled'],
  ['active', 'open', 'no', 'medium', 'out-of-cycle'],
  ['active', 'open', 'no', 'high', 'out-of-cycle'],
  ['active', 'open', 'no', 'very-high', 'immediate'],
  ['active', 'open', 'yes', 'low', 'out-of-cycle'],
  ['active', 'open', 'yes', 'medium', 'out-of-cycle'],
  ['active', 'open', 'yes', 'high', 'immediate'],
  ['active', 'open', 'yes', 'very-high', 'immediate'],
];

import { z } from 'zod';
import { AppError } from '../../shared/result';
import type { MsrcFix, MsrcProduct } from '../../shared/domain/msrc';
import type { FeedData } from './feed-data';
import { CVE_ID } from './kev';
import { readUntrustedXml, xmlAttr, xmlChild, xmlList, xmlText } from './xml';

/** One monthly security update release ("2024-Jan"); `records` are its fixes. */
export interface MsrcData extends FeedData<MsrcFix> {
  id: string;
  title: string;
  /** InitialReleaseDate (the Patch Tuesday); `dataDate` is CurrentReleaseDate, the last revision. */
  released: string;
  products: MsrcProduct[];
}

const invalid = (source: string, message: string): AppError => new AppError('feed_invalid', `${source}: ${message}`);

// ---- Both flavours are first read into this shape, then turned into MsrcData the same way.

type ThreatKind = 'severity' | 'exploit' | 'other';

interface RawThreat {
  kind: ThreatKind;
  description: string | null;
  productIds: string[];
}

interface RawRemediation {
  vendorFix: boolean;
  description: string | null;
  supersedence: string | null;
  productIds: string[];
  restartRequired: string | null;
  subType: string | null;
  fixedBuild: string | null;
}

interface RawDocument {
  id: string | null;
  title: string | null;
  initial: string | null;
  current: string | null;
  /** The newest revision number, else the tracking Version. */
  version: string | null;
  products: { id: string | null; name: string | null }[];
  vulnerabilities: { cve: string | null; threats: RawThreat[]; remediations: RawRemediation[] }[];
}

/**
 * The XML flavour, as https://api.msrc.microsoft.com/cvrf/v3.0/cvrf/{id} serves it: CVRF 1.1
 * with cvrf:, prod: and vuln: prefixes (or a default namespace; prefixes are dropped either way).
 * Threats and remediations carry their type as words: Severity, Exploit Status, Vendor Fix.
 */
const REPEATING = new Set([
  'FullProductName',
  'Branch',
  'Vulnerability',
  'Threat',
  'Remediation',
  'ProductID',
  'Revision',
]);
const XML_THREATS: ReadonlyMap<string, ThreatKind> = new Map([
  ['Severity', 'severity'],
  ['Exploit Status', 'exploit'],
]);

const ids = (node: unknown): string[] =>
  xmlList(node, 'ProductID')
    .map(xmlText)
    .filter((id) => id !== null);

function xmlProducts(node: unknown, into: RawDocument['products']): RawDocument['products'] {
  for (const product of xmlList(node, 'FullProductName'))
    into.push({ id: xmlAttr(product, 'ProductID'), name: xmlText(product) });
  for (const branch of xmlList(node, 'Branch')) xmlProducts(branch, into);
  return into;
}

function fromXml(source: string, text: string): RawDocument {
  const root = xmlChild(readUntrustedXml(source, text, 'MSRC CVRF document', REPEATING), 'cvrfdoc');
  if (root === undefined) throw invalid(source, 'not an MSRC CVRF document: its root element is not <cvrfdoc>');
  const tracking = xmlChild(root, 'DocumentTracking');
  const revisions = xmlList(xmlChild(tracking, 'RevisionHistory'), 'Revision').map((r) =>
    xmlText(xmlChild(r, 'Number')),
  );
  return {
    id: xmlText(xmlChild(xmlChild(tracking, 'Identification'), 'ID')),
    title: xmlText(xmlChild(root, 'DocumentTitle')),
    initial: xmlText(xmlChild(tracking, 'InitialReleaseDate')),
    current: xmlText(xmlChild(tracking, 'CurrentReleaseDate')),
    version: revisions.at(-1) ?? xmlText(xmlChild(tracking, 'Version')),
    products: xmlProducts(xmlChild(root, 'ProductTree'), []),
    vulnerabilities: xmlList(root, 'Vulnerability').map((vulnerability) => ({
      cve: xmlText(xmlChild(vulnerability, 'CVE')),
      threats: xmlList(xmlChild(vulnerability, 'Threats'), 'Threat').map((threat) => ({
        kind: XML_THREATS.get(xmlAttr(threat, 'Type') ?? '') ?? 'other',
        description: xmlText(xmlChild(threat, 'Description')),
        productIds: ids(threat),
      })),
      remediations: xmlList(xmlChild(vulnerability, 'Remediations'), 'Remediation').map((remediation) => ({
        vendorFix: xmlAttr(remediation, 'Type') === 'Vendor Fix',
        description: xmlText(xmlChild(remediation, 'Description')),
        supersedence: xmlText(xmlChild(remediation, 'Supercedence')),
        productIds: ids(remediation),
        restartRequired: xmlText(xmlChild(remediation, 'RestartRequired')),
        subType: xmlText(xmlChild(remediation, 'SubType')),
        fixedBuild: xmlText(xmlChild(remediation, 'FixedBuild')),
      })),
    })),
  };
}

/**
 * The JSON flavour (the same URL with Accept: application/json): text values are wrapped as
 * `{ "Value": … }` and types are numbers: threat 3 is Severity and 1 Exploit Status, remediation 2
 * is Vendor Fix (as microsoft/MSRC-Microsoft-Security-Updates-API's PowerShell module reads them).
 */
const jsonText = (value: unknown): string | null => {
  const inner = typeof value === 'object' && value !== null && 'Value' in value ? value.Value : value;
  const text = typeof inner === 'string' ? inner.trim() : typeof inner === 'number' ? String(inner) : '';
  return text === '' ? null : text;
};
// Optional before the transform, so a missing key reads as null rather than failing.
const loose = z.unknown().optional().transform(jsonText);
const jsonIds = z
  .array(z.union([z.string(), z.number()]))
  .nullish()
  .transform((list) => (list ?? []).map(String));
const JSON_THREATS: ReadonlyMap<number, ThreatKind> = new Map([
  [3, 'severity'],
  [1, 'exploit'],
]);
const VENDOR_FIX = 2;

const jsonSchema = z.object({
  DocumentTitle: loose,
  DocumentTracking: z.object({
    Identification: z.object({ ID: loose }),
    Version: loose,
    RevisionHistory: z.array(z.object({ Number: loose })).nullish(),
    InitialReleaseDate: loose,
    CurrentReleaseDate: loose,
  }),
  ProductTree: z.unknown(),
  Vulnerability: z
    .array(
      z.object({
        CVE: loose,
        Threats: z.array(z.object({ Type: z.number(), Description: loose, ProductID: jsonIds })).nullish(),
        Remediations: z
          .array(
            z.object({
              Type: z.number(),
              Description: loose,
              Supercedence: loose,
              ProductID: jsonIds,
              RestartRequired: loose,
              SubType: loose,
              FixedBuild: loose,
            }),
          )
          .nullish(),
      }),
    )
    .nullish(),
});

/** Product nodes (`{ ProductID, Value }`) anywhere in the tree: under FullProductName or nested Branch Items. */
function jsonProducts(node: unknown, into: RawDocument['products'], depth = 0): RawDocument['products'] {
  if (depth > 32 || typeof node !== 'object' || node === null) return into;
  if (!Array.isArray(node) && 'ProductID' in node && 'Value' in node)
    into.push({ id: jsonText(node.ProductID), name: jsonText(node.Value) });
  for (const child of Object.values(node)) jsonProducts(child, into, depth + 1);
  return into;
}

function fromJson(source: string, text: string): RawDocument {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw invalid(source, `not valid JSON, perhaps cut short (${(error as Error).message})`);
  }
  const parsed = jsonSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalid(source, `not an MSRC CVRF document: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim());
  }
  const doc = parsed.data;
  const tracking = doc.DocumentTracking;
  return {
    id: tracking.Identification.ID,
    title: doc.DocumentTitle,
    initial: tracking.InitialReleaseDate,
    current: tracking.CurrentReleaseDate,
    version: (tracking.RevisionHistory ?? []).at(-1)?.Number ?? tracking.Version,
    products: jsonProducts(doc.ProductTree, []),
    vulnerabilities: (doc.Vulnerability ?? []).map((vulnerability) => ({
      cve: vulnerability.CVE,
      threats: (vulnerability.Threats ?? []).map((threat) => ({
        kind: JSON_THREATS.get(threat.Type) ?? 'other',
        description: threat.Description,
        productIds: threat.ProductID,
      })),
      remediations: (vulnerability.Remediations ?? []).map((remediation) => ({
        vendorFix: remediation.Type === VENDOR_FIX,
        description: remediation.Description,
        supersedence: remediation.Supercedence,
        productIds: remediation.ProductID,
        restartRequired: remediation.RestartRequired,
        subType: remediation.SubType,
        fixedBuild: remediation.FixedBuild,
      })),
    })),
  };
}

// ---- From either flavour to MsrcData.

/** Keyed by what the file says, so a Map: `constructor` must not find Object's. */
const SEVERITY_RANK: ReadonlyMap<string, number> = new Map([
  ['Critical', 4],
  ['Important', 3],
  ['Moderate', 2],
  ['Low', 1],
]);

/** MSRC's dates carry no zone ("2024-01-09T08:00:00"); they are UTC. */
function cvrfDate(value: string | null): string | null {
  if (value === null) return null;
  const zoned = /(Z|[+-]\d{2}:?\d{2})$/.test(value) ? value : `${value}Z`;
  const time = Date.parse(zoned);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

/** "Publicly Disclosed:No;Exploited:Yes;Latest Software Release:Exploitation Detected". */
function exploitedOf(threats: readonly RawThreat[]): boolean | null {
  for (const threat of threats) {
    if (threat.kind !== 'exploit') continue;
    for (const pair of (threat.description ?? '').split(';')) {
      const [key, value] = pair.split(':').map((part) => part.trim().toLowerCase());
      if (key === 'exploited' && (value === 'yes' || value === 'no')) return value === 'yes';
    }
  }
  return null;
}

/** The rating for one product: a Severity threat naming it (or naming none), the highest if several. */
function severityOf(threats: readonly RawThreat[], productId: string): string | null {
  let best: string | null = null;
  for (const threat of threats) {
    const rating = threat.description;
    if (threat.kind !== 'severity' || rating === null) continue;
    if (threat.productIds.length > 0 && !threat.productIds.includes(productId)) continue;
    if (best === null || (SEVERITY_RANK.get(rating) ?? 0) > (SEVERITY_RANK.get(best) ?? 0)) best = rating;
  }
  return best;
}

const yesNo = (value: string | null): boolean | null =>
  value?.toLowerCase() === 'yes' ? true : value?.toLowerCase() === 'no' ? false : null;

/** "5033371", "5033371, 5032190" or "KB5033371;KB5032190": KB numbers, digits only. */
export function supersededKbs(value: string | null): string[] {
  const kbs = (value ?? '').split(/[\s,;]+/).map((part) => part.replace(/^KB/i, ''));
  return [...new Set(kbs.filter((kb) => /^\d+$/.test(kb)))];
}

/** A Vendor Fix's description is the bare KB number; Edge's and others' say "Release Notes". */
const KB = /^(?:KB)?(\d{5,8})$/i;
const DOCUMENT_ID = /^[A-Za-z0-9._-]{1,64}$/;

function toData(source: string, raw: RawDocument): MsrcData {
  if (raw.id === null || !DOCUMENT_ID.test(raw.id))
    throw invalid(source, 'not an MSRC CVRF document: no DocumentTracking/Identification/ID like 2024-Jan');
  const current = cvrfDate(raw.current);
  if (current === null) throw invalid(source, `${raw.id}: no readable DocumentTracking/CurrentReleaseDate`);
  const products = new Map<string, MsrcProduct>();
  for (const { id, name } of raw.products)
    if (id !== null && name !== null && !products.has(id)) products.set(id, { id, name });
  const records: MsrcFix[] = [];
  const seen = new Set<string>();
  for (const vulnerability of raw.vulnerabilities) {
    // ADV… advisories (servicing stack, defence in depth) name no CVE; what they fix is not a finding.
    const cve = vulnerability.cve?.toUpperCase() ?? '';
    if (!CVE_ID.test(cve)) continue;
    const exploited = exploitedOf(vulnerability.threats);
    for (const remediation of vulnerability.remediations) {
      const kb = remediation.vendorFix ? KB.exec(remediation.description ?? '')?.[1] : undefined;
      if (kb === undefined) continue;
      for (const productId of remediation.productIds) {
        const key = `${cve}\u0000${kb}\u0000${productId}`;
        // A product the tree does not list cannot be named, so cannot be matched.
        if (!products.has(productId) || seen.has(key)) continue;
        seen.add(key);
        records.push({
          cve,
          kb,
          productId,
          supersedes: supersededKbs(remediation.supersedence),
          fixedBuild: remediation.fixedBuild,
          severity: severityOf(vulnerability.threats, productId),
          restartRequired: yesNo(remediation.restartRequired),
          subType: remediation.subType,
          exploited,
        });
      }
    }
  }
  if (records.length === 0) throw invalid(source, `${raw.id}: names no KB that fixes a CVE on a product of its tree`);
  return {
    id: raw.id,
    title: raw.title ?? raw.id,
    released: cvrfDate(raw.initial) ?? current,
    // In id order: the two flavours walk the tree in different orders.
    products: [...products.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    records,
    dataDate: current,
    version: raw.version,
  };
}

/**
 * A monthly MSRC security update document, XML (CVRF 1.1 as api.msrc.microsoft.com serves it) or
 * its JSON flavour, into which KB fixes which CVE on which product, and which KBs each replaces.
 * Only "Vendor Fix" remediations whose description is a KB number are kept; known issues,
 * workarounds and release-note links are not fixes a host can have installed.
 */
export function parseMsrcCvrf(source: string, text: string): MsrcData {
  const json = text
    .replace(/^\uFEFF/, '')
    .trimStart()
    .startsWith('{');
  return toData(source, json ? fromJson(source, text) : fromXml(source, text));
}

/** Whether a file's first 4 KB are an MSRC CVRF document: a cvrfdoc (XML) or DocumentTracking (JSON) from Microsoft. */
export function isMsrcHead(head: string): boolean {
  const start = head
    .replace(/^\uFEFF/, '')
    .replace(/^\s*<\?xml[^>]*\?>/, '')
    .replace(/^(\s*<!--[\s\S]*?-->)*/, '')
    .trimStart();
  // Red Hat publishes CVRF too; the publisher tells them apart.
  if (!/microsoft/i.test(head)) return false;
  if (start.startsWith('{')) return /"DocumentTracking"|"DocumentTitle"/.test(head);
  return /^<(?:[\w.-]+:)?cvrfdoc[\s>]/.test(start) || /^<!DOCTYPE\s+(?:[\w.-]+:)?cvrfdoc[\s>[]/.test(start);
}

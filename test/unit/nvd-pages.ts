import { createReadStream, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import { parseNvd, type NvdData } from '../../src/main/feeds/nvd';
import type { CvssMetric } from '../../src/shared/domain/cve';

const NVD = 'test/fixtures/feeds/nvd';
export const PAGE = `${NVD}/nvd-api2-page-38-entries.json`;
export const PAGE_OF_ONE = `${NVD}/nvd-api2-page-single-entry.json`;
export const record = (id: string): string => `${NVD}/${id}.json`;

/** The file as the import hands it over: in chunks, here small and odd-sized so tokens and characters straddle them. */
export const fromFile = (path: string, chunk = 997): Promise<NvdData> =>
  parseNvd(basename(path), createReadStream(path, { highWaterMark: chunk }) as AsyncIterable<Buffer>);

function* chunks(bytes: Buffer, size: number): Generator<Buffer> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}
export const fromBytes = (name: string, bytes: Buffer | string, size = 1024): Promise<NvdData> =>
  parseNvd(name, Readable.from(chunks(Buffer.from(bytes), size)) as AsyncIterable<Buffer>);

export interface Page {
  resultsPerPage: number;
  totalResults: number;
  vulnerabilities: { cve: { id: string; metrics: Record<string, { cvssData: Record<string, unknown> }[]> } }[];
}
/** The 38-record page, changed by `edit`, as JSON text. */
export function editedPage(edit: (page: Page) => void): string {
  const page = JSON.parse(readFileSync(PAGE, 'utf8')) as Page;
  edit(page);
  return JSON.stringify(page);
}
export const firstV31 = (page: Page, index: number): Record<string, unknown> => {
  const data = page.vulnerabilities[index]?.cve.metrics['cvssMetricV31']?.[0]?.cvssData;
  if (!data) throw new Error(`record ${String(index)} has no v3.1 metric`);
  return data;
};

export const metric = (
  version: CvssMetric['version'],
  type: CvssMetric['type'],
  score: number,
  vector: string,
  source = 'nvd@nist.gov',
  severity: string | null = null,
): CvssMetric => ({ version, vector, score, severity, source, type });

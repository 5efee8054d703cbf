import { request } from 'node:http';
import type { DaemonStatus, HostStatus } from './daemon';
import type { LabLayout } from './layout';

function ask<T>(layout: LabLayout, method: 'GET' | 'POST', path: string, timeoutMs = 10_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath: layout.controlSocket, method, path, timeout: timeoutMs }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as T & { error?: string };
        if ((response.statusCode ?? 500) >= 400)
          reject(new Error(body.error ?? `lab daemon answered ${String(response.statusCode)}`));
        else resolve(body);
      });
    });
    req.once('timeout', () => req.destroy(new Error('the lab daemon did not answer in time')));
    req.once('error', reject);
    req.end();
  });
}

/** The running lab's status, or undefined when no lab daemon answers. */
export async function daemonStatus(layout: LabLayout): Promise<DaemonStatus | undefined> {
  try {
    return await ask<DaemonStatus>(layout, 'GET', '/status', 3000);
  } catch {
    return undefined;
  }
}

export const stopDaemon = (layout: LabLayout): Promise<unknown> => ask(layout, 'POST', '/stop', 120_000);

export const hostAction = (
  layout: LabLayout,
  host: string,
  action: 'no-return' | 'return' | 'boot',
): Promise<HostStatus> => ask<HostStatus>(layout, 'POST', `/hosts/${host}/${action}`);

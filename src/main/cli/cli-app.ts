import { createApp, type App } from '../app';
import type { EventSink } from '../ports';
import { createPassphraseCipher } from '../secrets/passphrase-cipher';

/**
 * The app as a CLI command opens it: the headless transport, secrets under the admin's
 * passphrase ($PATCHWISE_PASSPHRASE), and events where the command wants them (nowhere by default).
 */
export function openCliApp(dataDir: string, events: EventSink = () => undefined): App {
  return createApp({
    dataDir,
    transport: 'headless',
    events,
    cipher: createPassphraseCipher(process.env['PATCHWISE_PASSPHRASE']),
  });
}

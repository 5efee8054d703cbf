import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { COMMAND_NAMES, commandChannel, eventChannel, type EventName, type EventPayload } from '../../shared/contract';
import { fail, type Envelope } from '../../shared/result';
import type { Dispatch } from '../api/dispatch';
import { isTrustedSender } from './sender-guard';

/** One `ipcMain.handle` per contract command, each behind the sender check. */
export function registerIpc(dispatch: Dispatch, actor: string, devUrl: string | undefined): void {
  for (const name of COMMAND_NAMES) {
    ipcMain.handle(
      commandChannel(name),
      async (event: IpcMainInvokeEvent, input: unknown): Promise<Envelope<unknown>> => {
        const frame = event.senderFrame;
        if (!isTrustedSender({ frameUrl: frame?.url, isTopLevel: frame?.parent === null }, devUrl)) {
          return fail('forbidden', 'This window is not allowed to call Patchwise');
        }
        return dispatch(name, input, { actor });
      },
    );
  }
}

/** The part of a BrowserWindow that receives events. */
interface EventTarget {
  isDestroyed(): boolean;
  webContents: { send(channel: string, payload: unknown): void };
}

/** Sends an event to every open app window. */
export function createWindowEventSink(windows: () => readonly EventTarget[]) {
  return <K extends EventName>(name: K, payload: EventPayload<K>): void => {
    for (const window of windows()) {
      if (!window.isDestroyed()) window.webContents.send(eventChannel(name), payload);
    }
  };
}

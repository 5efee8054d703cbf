// Sandboxed preloads can only require('electron'); the bundler inlines the name lists below, so
// this file ships as one self-contained script. The renderer gets two verbs and nothing else.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { commandChannel, eventChannel, isCommandName, isEventName } from '../shared/contract/names';
import type { PatchwiseBridge } from '../shared/contract/bridge';

const api: PatchwiseBridge = {
  invoke(name, input) {
    if (!isCommandName(name)) {
      return Promise.resolve({ ok: false, error: { code: 'unknown_command', message: `Unknown command: ${name}` } });
    }
    return ipcRenderer.invoke(commandChannel(name), input) as ReturnType<PatchwiseBridge['invoke']>;
  },
  on(name, listener) {
    if (!isEventName(name)) throw new Error(`Unknown event: ${name}`);
    const channel = eventChannel(name);
    // The listener sees the payload only, never the IPC event (which carries `sender`).
    const wrapped = (_event: IpcRendererEvent, payload: unknown): void => {
      listener(payload);
    };
    ipcRenderer.on(channel, wrapped);
    return () => {
      ipcRenderer.removeListener(channel, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('api', api);

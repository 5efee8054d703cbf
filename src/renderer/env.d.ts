import type { PatchwiseBridge } from '../shared/contract';

declare global {
  interface Window {
    /** Set by the Electron preload; absent when the page is served by the headless server. */
    readonly api?: PatchwiseBridge;
  }
}

export {};

export * from './names';
export * from './commands';
export * from './events';
export type { PatchwiseBridge } from './bridge';

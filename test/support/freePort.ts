export { freePort } from '../../electron/demo/engine/freePort.ts';

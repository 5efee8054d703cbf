import { connect } from 'node:net';

/** Whether an sshd answers at `address` within a second (its banner arrives), without logging in. */
export const sshAnswers = (address: string): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = connect({ host: address, port: 22, timeout: 1000 });
    socket.once('data', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => {
      resolve(false);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });

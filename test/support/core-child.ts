// A Junction core in a process of its own, for crash tests that SIGKILL it: started by
// core-child-client.ts with `node --import tsx` and an IPC channel. It loads its modules first and
// says `warm`, then builds the core when told `start`, so a test can keep the next process ready
// while the current one is being killed. The fs trace, when asked for, is loaded before this
// module with `--import` (fs-trace-preload.ts).
import { createCore } from '../../src-main/core/index';
import type { Core } from '../../src-main/core/options';
import { createTestCipher } from './cipher';
import type { ChildMessage, ParentMessage } from './core-child-protocol';

const send = (message: ChildMessage) => {
  if (process.connected) process.send?.(message);
};

process.on('uncaughtException', (error) => {
  send({ type: 'fatal', kind: 'uncaughtException', message: error.stack ?? String(error) });
  process.exitCode = 70;
  setTimeout(() => process.exit(70), 50);
});
process.on('unhandledRejection', (reason) => {
  send({ type: 'fatal', kind: 'unhandledRejection', message: reason instanceof Error ? (reason.stack ?? reason.message) : String(reason) });
  process.exitCode = 71;
  setTimeout(() => process.exit(71), 50);
});
// The test went away: so does this process.
process.on('disconnect', () => process.exit(0));

let core: Core | undefined;
const pending: ParentMessage[] = [];

function reply(id: number, work: () => Promise<unknown>): void {
  work().then(
    (data) => send({ type: 'result', id, ok: true, data: data === undefined ? null : data }),
    (error: unknown) => {
      const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
      send({
        type: 'result',
        id,
        ok: false,
        error: { ...(typeof code === 'string' ? { code } : {}), message: typeof message === 'string' ? message : String(error) },
      });
    },
  );
}

async function handle(message: ParentMessage): Promise<void> {
  switch (message.type) {
    case 'start': {
      const { cipherKeyHex, savePath, ...options } = message.options;
      core = await createCore({
        ...options,
        ...(savePath ? { chooseSavePath: () => Promise.resolve(savePath) } : {}),
        cipher: createTestCipher({ key: Buffer.from(cipherKeyHex, 'hex') }),
        openExternal: (url) => send({ type: 'opened', url }),
      });
      core.onEvent((event) => send({ type: 'event', event }));
      send({ type: 'ready' });
      for (const queued of pending.splice(0)) void handle(queued);
      return;
    }
    case 'invoke':
    case 'protocol':
    case 'close': {
      const started = core;
      if (!started) {
        pending.push(message);
        return;
      }
      if (message.type === 'invoke') reply(message.id, () => started.invokeUntrusted(message.channel, message.payload));
      else if (message.type === 'protocol') reply(message.id, () => started.handleProtocolUrl(message.url));
      else reply(message.id, () => started.close());
      return;
    }
  }
}

process.on('message', (message: ParentMessage) => {
  handle(message).catch((error: unknown) => {
    send({ type: 'fatal', kind: 'start', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    setTimeout(() => process.exit(72), 50);
  });
});
send({ type: 'warm' });

/**
 * Run by tsx in a child process: an ephemeral Gongzhi stack (database, WeChat simulator, BFF) for
 * the simulated weapp to call. It prints one JSON line when ready and stops when stdin closes,
 * so the stack never outlives the test that started it. Kept out of the jsdom test process
 * because the BFF needs Node's globals, not a browser's.
 */
import { startStack } from '../../../bff/dev/stack';

async function main(): Promise<void> {
  const stack = await startStack({ ephemeral: true, h5Dir: null, bffPort: 0 });
  process.stdout.write(`${JSON.stringify({ bffUrl: stack.bffUrl })}\n`);
  const stop = () => {
    void stack.close().finally(() => process.exit(0));
  };
  process.stdin.on('end', stop);
  process.stdin.on('close', stop);
  process.stdin.resume();
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

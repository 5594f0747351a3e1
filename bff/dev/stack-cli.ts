/**
 * `pnpm start`: database (kept in .data/ at the repo root), WeChat simulator, BFF, H5 page, and the
 * weapp build for WeChat DevTools. Ctrl-C stops everything.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT, startStack } from './stack';

function buildMiniapp(type: 'h5' | 'weapp'): Promise<boolean> {
  return new Promise((resolve) => {
    const started = Date.now();
    console.log(`[miniapp] building the ${type} output …`);
    // An empty API base makes the H5 page call its own origin, which forwards to the BFF.
    const env = { ...process.env, GONGZHI_API_BASE: type === 'h5' ? '' : (process.env.GONGZHI_API_BASE ?? '') };
    const child = spawn('pnpm', ['--filter', '@gongzhi/miniapp', 'run', `build:${type}`], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let tail = '';
    const keep = (d: Buffer) => (tail = (tail + d.toString()).slice(-3000));
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('close', (code) => {
      if (code === 0) console.log(`[miniapp] ${type} built in ${Math.round((Date.now() - started) / 1000)} s`);
      else console.error(`[miniapp] ${type} build failed (exit ${code}):\n${tail}`);
      resolve(code === 0);
    });
  });
}

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 3000);
  const skipBuild = process.env.GONGZHI_SKIP_BUILD === '1';
  if (!skipBuild) await buildMiniapp('h5');

  const stack = await startStack({
    dataDir: path.join(REPO_ROOT, '.data', 'db'),
    mongoUri: process.env.MONGODB_URI,
    bffPort: port,
    simulatorPort: Number(process.env.WECHAT_SIM_PORT ?? 9301),
    paySimulatorPort: Number(process.env.WECHATPAY_SIM_PORT ?? 9302),
    h5Port: Number(process.env.H5_PORT ?? 10086),
  });

  console.log(`
Gongzhi 共治 is running
  BFF               ${stack.bffUrl}   (health ${stack.bffUrl}/healthz, API document ${stack.bffUrl}/openapi.json)
  H5 mini-program   ${stack.h5Url}    (open in a browser; API calls are forwarded to the BFF)
  WeChat simulator  ${stack.simulatorUrl}   (sent subscribe messages: ${stack.simulatorUrl}/dev/messages)
  WeChat Pay sim.   ${stack.paySimulatorUrl}   (sent notifications: ${stack.paySimulatorUrl}/dev/notifications; H5 pay page: /dev/pay?prepay_id=…&return=…)
  database          ${stack.mongoUri}   (${stack.databaseKind})
Demo logins (type the name on the H5 login page; any other name is a new resident):
${stack.logins.map((l) => `  ${l.login.padEnd(22)} ${l.role.padEnd(16)} ${l.scope}`).join('\n')}
`);

  if (!skipBuild) {
    void buildMiniapp('weapp').then((ok) => {
      if (ok) console.log(`[miniapp] weapp output: ${path.join(REPO_ROOT, 'miniapp')} — import this folder in WeChat DevTools (project.config.json points at dist/weapp)`);
    });
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping …`);
    await stack.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

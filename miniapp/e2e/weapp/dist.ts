import fs from 'node:fs';
import path from 'node:path';

/** Where `taro build --type weapp` writes; WEAPP_DIST points the checks at another build. */
export const WEAPP_DIST = path.resolve(process.env.WEAPP_DIST || path.join(__dirname, '../../dist/weapp'));

export interface SubPackage {
  root: string;
  pages: string[];
}

export interface AppJson {
  pages: string[];
  subPackages?: SubPackage[];
  subpackages?: SubPackage[];
  tabBar?: { list: { pagePath: string; text: string }[] };
}

/** Fails with the command to run when the build is missing, instead of an ENOENT deep in a test. */
export function readAppJson(dist = WEAPP_DIST): AppJson {
  const file = path.join(dist, 'app.json');
  if (!fs.existsSync(file)) {
    throw new Error(
      `No weapp build at ${dist} (app.json missing). Build it first: cd miniapp && pnpm run build:weapp`,
    );
  }
  return JSON.parse(fs.readFileSync(file, 'utf8')) as AppJson;
}

export function subPackagesOf(app: AppJson): SubPackage[] {
  return [...(app.subPackages ?? []), ...(app.subpackages ?? [])];
}

/** Every file under dir, as paths relative to it with forward slashes. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile()) out.push(child);
    }
  };
  walk('');
  return out.sort();
}

/** The subpackage root a built file belongs to, or undefined for the main package. */
export function subPackageRootOf(app: AppJson, file: string): string | undefined {
  return subPackagesOf(app)
    .map((sub) => sub.root.replace(/^\/|\/$/g, ''))
    .find((root) => file.startsWith(`${root}/`));
}

/** Every file of the main package with its size: what WeChat downloads before the first page shows. */
export function mainPackageFiles(dist = WEAPP_DIST): { file: string; bytes: number }[] {
  const app = readAppJson(dist);
  return listFiles(dist)
    .filter((file) => subPackageRootOf(app, file) === undefined)
    .map((file) => ({ file, bytes: fs.statSync(path.join(dist, file)).size }));
}

/**
 * Runs the compiled weapp build (dist/weapp) the way WeChat's page layer would, inside jsdom:
 * `miniprogram-simulate` compiles the real WXML with WeChat's own wcc and renders it with exparser;
 * this file supplies the few globals a mini-program expects (`wx`, `App`, `getApp`, `Page`,
 * `getCurrentPages`) and records the `wx` calls the app makes. Only WeChat's side is stubbed;
 * our code runs exactly as built.
 */
import fs from 'node:fs';
import path from 'node:path';
import { WEAPP_DIST, readAppJson } from './dist';

type Options = Record<string, unknown> & {
  success?: (res: unknown) => void;
  fail?: (err: unknown) => void;
  complete?: (res: unknown) => void;
};

export interface WxCall {
  api: string;
  options: Options | undefined;
}

export interface RequestReply {
  statusCode: number;
  data: unknown;
}

export interface SimulatedApp {
  /** Every stubbed wx call in order, e.g. { api: 'navigateTo', options: { url } }. */
  calls: WxCall[];
  storage: Map<string, unknown>;
  /** WXML runtime complaints (e.g. a template that does not exist), once each, instead of console noise. */
  wxmlWarnings: Set<string>;
  /** What wx.login hands out as `code`. */
  loginCode: () => string;
  /** Answers wx.request; the default answers 503 so a page that fetches shows its failure state. */
  onRequest: (options: Options) => RequestReply | Promise<RequestReply>;
  renderPage(route: string, query?: Record<string, string>): Promise<RenderedPage>;
}

export interface RenderedPage {
  /** The page's rendered DOM (wx-view elements with text). */
  root: Element;
  text(): string;
  /** The innermost element whose text is `text`, else the first innermost one that contains it. */
  find(text: string): Element;
  /** Taps the element the way WeChat does: touchstart, touchend, then tap. */
  tap(text: string): Promise<void>;
  /** Rendered elements of a WeChat component, e.g. `input`, in page order. */
  all(tag: string): Element[];
  /** The attributes the compiled template bound on an element, as WeChat receives them. */
  bound(element: Element): Record<string, unknown>;
  /** Fires a component event (input, getphonenumber, …) with `detail`, as the WeChat client would. */
  emit(element: Element, eventName: string, detail: Record<string, unknown>): Promise<void>;
  settle(): Promise<void>;
  /** Resolves once the page shows `text` (after network replies, say); fails with what it shows. */
  waitForText(text: string, timeoutMs?: number): Promise<void>;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- the mini-program globals are untyped by nature */
const g = globalThis as any;

const SYSTEM_INFO = {
  brand: 'devtools',
  model: 'simulate',
  pixelRatio: 2,
  screenWidth: 375,
  screenHeight: 667,
  windowWidth: 375,
  windowHeight: 667,
  statusBarHeight: 20,
  language: 'zh_CN',
  version: '8.0.50',
  system: 'Linux',
  platform: 'devtools',
  SDKVersion: '3.6.0',
  fontSizeSetting: 16,
  theme: 'light',
  safeArea: { left: 0, right: 375, top: 20, bottom: 667, width: 375, height: 647 },
};

function settleSoon(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 20));
}

function buildWx(app: SimulatedApp): Record<string, unknown> {
  const ok = (api: string, result: Record<string, unknown> = {}) => (options: Options = {}) => {
    app.calls.push({ api, options });
    const res = { errMsg: `${api}:ok`, ...result };
    // WeChat answers asynchronously
    setTimeout(() => {
      options.success?.(res);
      options.complete?.(res);
    }, 0);
  };
  const record = (api: string, value?: unknown) => (options?: Options) => {
    app.calls.push({ api, options });
    return value;
  };
  return {
    getSystemInfoSync: () => ({ ...SYSTEM_INFO }),
    getSystemInfo: ok('getSystemInfo', SYSTEM_INFO),
    getWindowInfo: () => ({ ...SYSTEM_INFO }),
    getDeviceInfo: () => ({ ...SYSTEM_INFO }),
    getAppBaseInfo: () => ({ ...SYSTEM_INFO }),
    getSystemSetting: () => ({}),
    getMenuButtonBoundingClientRect: () => ({ width: 87, height: 32, top: 24, right: 365, bottom: 56, left: 278 }),
    getLaunchOptionsSync: () => ({ path: 'pages/index/index', query: {}, scene: 1001 }),
    getEnterOptionsSync: () => ({ path: 'pages/index/index', query: {}, scene: 1001 }),
    getAccountInfoSync: () => ({ miniProgram: { appId: 'touristappid', envVersion: 'develop', version: '' } }),
    canIUse: () => true,
    nextTick: (fn: () => void) => Promise.resolve().then(fn),
    getStorageSync: (key: string) => (app.storage.has(key) ? app.storage.get(key) : ''),
    setStorageSync: (key: string, value: unknown) => void app.storage.set(key, value),
    removeStorageSync: (key: string) => void app.storage.delete(key),
    clearStorageSync: () => app.storage.clear(),
    getStorageInfoSync: () => ({ keys: [...app.storage.keys()], currentSize: 0, limitSize: 10240 }),
    getStorage: (options: Options) => {
      const key = options.key as string;
      setTimeout(() => {
        if (app.storage.has(key)) options.success?.({ data: app.storage.get(key), errMsg: 'getStorage:ok' });
        else options.fail?.({ errMsg: 'getStorage:fail data not found' });
        options.complete?.({});
      }, 0);
    },
    setStorage: (options: Options) => {
      app.storage.set(options.key as string, options.data);
      ok('setStorage')(options);
    },
    removeStorage: (options: Options) => {
      app.storage.delete(options.key as string);
      ok('removeStorage')(options);
    },
    request: (options: Options) => {
      app.calls.push({ api: 'request', options });
      void Promise.resolve()
        .then(() => app.onRequest(options))
        .then(
          (reply) => {
            const res = { ...reply, header: { 'content-type': 'application/json' }, errMsg: 'request:ok' };
            options.success?.(res);
            options.complete?.(res);
          },
          (error: unknown) => {
            const res = { errMsg: `request:fail ${String(error)}` };
            options.fail?.(res);
            options.complete?.(res);
          },
        );
      return { abort() {}, onHeadersReceived() {}, offHeadersReceived() {} };
    },
    login: (options: Options = {}) => ok('login', { code: app.loginCode() })(options),
    checkSession: ok('checkSession'),
    navigateTo: ok('navigateTo', { eventChannel: {} }),
    redirectTo: ok('redirectTo'),
    switchTab: ok('switchTab'),
    reLaunch: ok('reLaunch'),
    navigateBack: ok('navigateBack'),
    showToast: ok('showToast'),
    hideToast: ok('hideToast'),
    showLoading: ok('showLoading'),
    hideLoading: ok('hideLoading'),
    showModal: ok('showModal', { confirm: false, cancel: true }),
    setNavigationBarTitle: ok('setNavigationBarTitle'),
    setNavigationBarColor: ok('setNavigationBarColor'),
    stopPullDownRefresh: ok('stopPullDownRefresh'),
    pageScrollTo: ok('pageScrollTo'),
    vibrateShort: ok('vibrateShort'),
    onAppShow: record('onAppShow'),
    onAppHide: record('onAppHide'),
    offAppShow: record('offAppShow'),
    offAppHide: record('offAppHide'),
    onNetworkStatusChange: record('onNetworkStatusChange'),
    onMemoryWarning: record('onMemoryWarning'),
    reportAnalytics: record('reportAnalytics'),
  };
}

/**
 * Loads app.js (which requires common, vendors, taro and runtime) and registers the app.
 * Call once per test file: the jest module registry and jsdom are per file.
 */
export function startSimulatedApp(dist = WEAPP_DIST): SimulatedApp {
  readAppJson(dist); // clear message when the build is missing
  // simulate installs its own Component and a partial wx on import
  const simulate = require('miniprogram-simulate');
  const app: SimulatedApp = {
    calls: [],
    storage: new Map(),
    wxmlWarnings: new Set(),
    loginCode: () => 'simulate-login-code',
    onRequest: () => ({ statusCode: 503, data: { error: { code: 'INTERNAL', message: '系统繁忙，请稍后再试' } } }),
    renderPage: (route, query = {}) => renderPage(simulate, dist, appInstance, route, query),
  };
  g.wx = Object.assign(g.wx ?? {}, buildWx(app));
  // wcc's generated code reports missing templates through console.warn/error, with the whole
  // minified bundle as a code frame; keep the message, drop the noise.
  for (const level of ['warn', 'error'] as const) {
    const original = console[level].bind(console);
    console[level] = (...args: unknown[]) => {
      const first = String(args[0] ?? '');
      if (/^WXMLRT_/.test(first) || (first === '' && args.length <= 1)) {
        if (first) app.wxmlWarnings.add(first.replace(/^WXMLRT_\$gwx:/, ''));
        return;
      }
      original(...args);
    };
  }
  // Pages get Component semantics: Taro's page config is lifecycle methods plus the `eh` event handler.
  g.Page = (config: Record<string, any>) => {
    const methods: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(config)) if (typeof value === 'function') methods[key] = value;
    const pending = g.__simulatePageSetup__;
    g.Component({
      data: config.data ?? {},
      methods,
      lifetimes: {
        attached(this: any) {
          this.route = this.__route__ = pending.route;
          pages.push(this);
          this.onLoad?.(pending.query);
          this.onShow?.();
        },
        ready(this: any) {
          this.onReady?.();
        },
        detached(this: any) {
          this.onUnload?.();
        },
      },
    });
  };
  let appInstance: any;
  const pages: any[] = [];
  g.App = (config: any) => {
    appInstance = config;
  };
  g.getApp = () => appInstance;
  g.getCurrentPages = () => [...pages];

  // The same order WeChat uses: app.js first; it requires the shared chunks itself.
  runJs(dist, 'app.js');
  if (!appInstance) throw new Error('app.js did not call App(): the build is not a Taro weapp app');
  appInstance.onLaunch?.({ path: 'pages/index/index', query: {}, scene: 1001 });
  appInstance.onShow?.({ path: 'pages/index/index', query: {}, scene: 1001 });
  return app;
}

/** Evaluates a built file with a `require` that resolves inside dist, like WeChat's module loader. */
function runJs(dist: string, file: string): unknown {
  const full = path.join(dist, file);
  if (!fs.existsSync(full)) throw new Error(`${file} is missing from ${dist}`);
  return require(full);
}

const loadedPages = new Map<string, string>();

export function boundAttributes(element: Element): Record<string, unknown> {
  const vt = (element as Element & { __wxElement?: { _vt?: { attrs: { name: string; value: unknown }[] } } })
    .__wxElement?._vt;
  return Object.fromEntries((vt?.attrs ?? []).map((attr) => [attr.name, attr.value]));
}

async function renderPage(
  simulate: any,
  dist: string,
  appInstance: any,
  route: string,
  query: Record<string, string>,
): Promise<RenderedPage> {
  if (!appInstance) throw new Error('startSimulatedApp() first');
  const jsonFile = path.join(dist, `${route}.json`);
  if (!fs.existsSync(jsonFile)) throw new Error(`page ${route} is not in ${dist}`);
  g.__simulatePageSetup__ = { route, query };
  // Like WeChat, a page's code runs once and registers its page; every opening is a new instance of it.
  let id = loadedPages.get(route);
  if (!id) {
    // rootPath lets wcc compile every WXML of the build, so the page's import of base.wxml resolves.
    id = simulate.load(path.join(dist, route), { rootPath: dist, compiler: 'official' }) as string;
    loadedPages.set(route, id);
  }
  const comp = simulate.render(id);
  if (!comp) throw new Error(`${route}.js did not register a page (no Page() call)`);
  const host = document.createElement('div');
  document.body.appendChild(host);
  comp.attach(host);

  const settle = async () => {
    // React commits on a later tick, then Taro's setData reaches the template
    for (let i = 0; i < 5; i++) await settleSoon();
  };
  await settle();

  const root = comp.dom as Element;
  const find = (text: string): Element => {
    const all = Array.from(root.querySelectorAll('*'));
    // an element that says exactly this wins over one that merely contains it (登录 vs 未登录)
    const exact = all.filter((el) => el.textContent?.trim() === text);
    const containing = all.filter(
      (el) => el.textContent?.includes(text) && !Array.from(el.children).some((child) => child.textContent?.includes(text)),
    );
    const found = exact.length ? exact[exact.length - 1] : containing[0];
    if (!found) throw new Error(`"${text}" is not on ${route}. It shows: ${root.textContent}`);
    return found;
  };
  return {
    root,
    text: () => root.textContent ?? '',
    find,
    settle,
    async waitForText(text: string, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (!root.textContent?.includes(text)) {
        if (Date.now() > deadline) throw new Error(`"${text}" never appeared on ${route}. It shows: ${root.textContent}`);
        await settleSoon();
      }
      await settle();
    },
    all: (tag: string) => Array.from(root.querySelectorAll(`wx-${tag}`)),
    bound: boundAttributes,
    async emit(element: Element, eventName: string, detail: Record<string, unknown>) {
      const id = boundAttributes(element).id;
      const target = typeof id === 'string' && id ? comp.querySelector(`#${id}`) : null;
      if (!target) throw new Error(`cannot address ${element.tagName} (no id bound) on ${route}`);
      target.dispatchEvent(eventName, { detail });
      await settle();
    },
    async tap(text: string) {
      const target = find(text);
      // exparser turns touchstart + touchend on the same spot into tap, then bubbles it
      const touch = (type: string) =>
        target.dispatchEvent(
          Object.assign(new Event(type, { bubbles: true, cancelable: true }), {
            touches: type === 'touchstart' ? [{ identifier: 0, clientX: 1, clientY: 1, pageX: 1, pageY: 1 }] : [],
            changedTouches: [{ identifier: 0, clientX: 1, clientY: 1, pageX: 1, pageY: 1 }],
          }),
        );
      touch('touchstart');
      touch('touchend');
      await settle();
    },
  };
}

/// <reference types="@tarojs/taro" />

declare module '*.css';
declare module '*.less';

/** Build-time constants from config/index.ts (`defineConstants`). */
declare const GONGZHI_API_BASE: string;
declare const GONGZHI_WECHAT_STANDIN: boolean;

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV: 'weapp' | 'h5' | 'swan' | 'alipay' | 'tt' | 'qq' | 'jd' | 'harmony' | 'rn';
  }
}
/** an image file, bundled by Taro: its URL on H5, its path in the mini-program package */
declare module '*.png' {
  const src: string;
  export default src;
}

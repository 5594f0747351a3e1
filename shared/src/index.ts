export * from './errors';
export * from './id-number';
export * from './mask';
export * from './identity';
export * from './reference';
export * from './complaints';
export * from './calendar';
export * from './volunteers';

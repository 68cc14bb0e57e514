export * from './InnerSourceApi';
export * from './InnerSourceClient';
export * from './queryParameters';

export * from './activity';
export * from './description';
export * from './model';
export * from './config';
export * from './describe';
export * from './preview';
export * from './histogram';

export * from './activity';
export * from './model';
export * from './config';

/** Guided procedures: compiler, expression language, engine, path enumeration (all pure). */
export * from './procedure-types';
export { compileProcedure, compileProcedureDetail, stepTargets, type CompileResult, type CompileDetail, type SourceText } from './compile-procedure';
export * from './procedure-engine';
export * from './enumerate-paths';
export { parseExpression, evaluate, checkExpression, ExpressionError, type Expr } from './expression';
export * from './receipt-width';
export * from './holiday-calendar';
export { parseHolidayCalendar, type CalendarParseResult } from './parse-holiday-calendar';

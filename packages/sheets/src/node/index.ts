export { readXlsxStream, type XlsxSource } from './read-stream.js';
export { streamingResultWorkbook, streamingTarget } from './write-stream.js';

export { readXlsxStream, type XlsxSource } from './read-stream.js';

export { CsvDecoder, decodeCsv, decodeCsvStream, type DecodeOptions, type DecodedCsv } from './decode.js';
export { CsvBytesReader, readCsvBytes, readCsvStream, type CsvReading } from './read.js';
export { charsetOf, parseEncodingName, type CsvEncoding, type EncodingSource } from './encoding.js';
export { csvChunks, csvField, csvRecord, UTF8_BOM, type CsvWriteOptions } from './write.js';

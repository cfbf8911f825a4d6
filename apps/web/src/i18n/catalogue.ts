import type { zhCN } from './zh-CN';

/** The shape both catalogues share: every key of the Chinese one, each a string. */
type Words<T> = { readonly [K in keyof T]: T[K] extends string ? string : Words<T[K]> };
export type Catalogue = Words<typeof zhCN>;

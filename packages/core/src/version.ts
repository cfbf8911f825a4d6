/** The engine version reported with every result: bump when any rule's arithmetic changes. */
export const ENGINE_VERSION = '0.1.0';

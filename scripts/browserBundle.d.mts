// Types of browserBundle.mjs, for the TypeScript that imports it (the example server, tests).
import type { BuildOptions, Plugin } from 'esbuild'

export declare const browserTwins: Plugin
export declare function browserBuildOptions(entryPoint: string): BuildOptions

export interface BrowserBundle {
  readonly code: string
  readonly map: string
  readonly bytes: number
  readonly gzipBytes: number
  readonly inputs: readonly string[]
}

export declare function bundleForBrowsers(entryPoint: string, outfile?: string): Promise<BrowserBundle>
export declare function describeSize(size: { readonly bytes: number; readonly gzipBytes: number }): string
export declare function buildBrowserBundle(outfile?: string): Promise<BrowserBundle & { readonly file: string }>

/**
 * The part of ejs 7 that the scaffolder uses (ejs ships no type declarations).
 * Only the default export exists at run time: `import ejs from 'ejs'`.
 */
declare module 'ejs' {
  interface EjsIncluderResult {
    filename?: string;
    template?: string;
  }
  interface EjsOptions {
    filename?: string;
    escape?: (text: unknown) => string;
    strict?: boolean;
    async?: false;
    cache?: boolean;
    compileDebug?: boolean;
    rmWhitespace?: boolean;
    includer?: (originalPath: string, parsedPath: string | undefined) => EjsIncluderResult | undefined;
  }
  interface Ejs {
    render(template: string, data: Record<string, unknown>, options: EjsOptions): string;
  }
  const ejs: Ejs;
  export default ejs;
}

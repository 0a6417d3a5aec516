/** The output formats, apart from their renderers: the CLI's option parsing needs the names only. */
export const OUTPUT_FORMATS = ['text', 'json', 'github', 'sarif'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

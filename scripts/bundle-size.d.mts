export const FIRST_SCREEN_JS_BUDGET: number;
export function inlineScripts(html: string): string[];
export function firstScreenSize(dir: string): { scripts: string[]; styles: string[]; js: number; css: number };
export function precacheSize(dir: string): { files: string[]; bytes: number; gzip: number };

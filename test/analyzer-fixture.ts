import { TextAnalyzer } from '../src/text/index.js';

/** One analyzer for the whole test run: compiling the lexicon and the fold table takes ~100 ms. */
export const analyzer = new TextAnalyzer();

export const codesOf = (input: Parameters<TextAnalyzer['assess']>[0]): string[] => analyzer.assess(input).signals.map((s) => s.code);

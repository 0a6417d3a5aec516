/** The case filters give the Rust tasker-ctl's results: the test tables of the `heck` crate it uses, case for case. */
import { describe, expect, it } from 'vitest';
import { camelCase, kebabCase, pascalCase, snakeCase } from '../../src/scaffold/heck.js';

const CASES: Array<[(text: string) => string, string, string]> = [
  [snakeCase, 'CamelCase', 'camel_case'],
  [snakeCase, 'This is Human case.', 'this_is_human_case'],
  [snakeCase, 'MixedUP CamelCase, with some Spaces', 'mixed_up_camel_case_with_some_spaces'],
  [snakeCase, 'mixed_up_ snake_case with some _spaces', 'mixed_up_snake_case_with_some_spaces'],
  [snakeCase, 'kebab-case', 'kebab_case'],
  [snakeCase, 'SHOUTY_SNAKE_CASE', 'shouty_snake_case'],
  [snakeCase, 'snake_case', 'snake_case'],
  [snakeCase, 'this-contains_ ALLKinds OfWord_Boundaries', 'this_contains_all_kinds_of_word_boundaries'],
  [snakeCase, 'XΣXΣ baﬄe', 'xσxς_baﬄe'],
  [snakeCase, 'XMLHttpRequest', 'xml_http_request'],
  [snakeCase, 'FIELD_NAME11', 'field_name11'],
  [snakeCase, '99BOTTLES', '99bottles'],
  [snakeCase, 'FieldNamE11', 'field_nam_e11'],
  [snakeCase, 'abc123def456', 'abc123def456'],
  [snakeCase, 'abc123DEF456', 'abc123_def456'],
  [snakeCase, 'abc123Def456', 'abc123_def456'],
  [snakeCase, 'abc123DEf456', 'abc123_d_ef456'],
  [snakeCase, 'ABC123def456', 'abc123def456'],
  [snakeCase, 'ABC123DEF456', 'abc123def456'],
  [snakeCase, 'ABC123Def456', 'abc123_def456'],
  [snakeCase, 'ABC123DEf456', 'abc123d_ef456'],
  [snakeCase, 'ABC123dEEf456FOO', 'abc123d_e_ef456_foo'],
  [snakeCase, 'abcDEF', 'abc_def'],
  [snakeCase, 'ABcDE', 'a_bc_de'],
  [pascalCase, 'CamelCase', 'CamelCase'],
  [pascalCase, 'This is Human case.', 'ThisIsHumanCase'],
  [pascalCase, 'MixedUP_CamelCase, with some Spaces', 'MixedUpCamelCaseWithSomeSpaces'],
  [pascalCase, 'mixed_up_ snake_case, with some _spaces', 'MixedUpSnakeCaseWithSomeSpaces'],
  [pascalCase, 'kebab-case', 'KebabCase'],
  [pascalCase, 'SHOUTY_SNAKE_CASE', 'ShoutySnakeCase'],
  [pascalCase, 'snake_case', 'SnakeCase'],
  [pascalCase, 'this-contains_ ALLKinds OfWord_Boundaries', 'ThisContainsAllKindsOfWordBoundaries'],
  [pascalCase, 'XΣXΣ baﬄe', 'XσxςBaﬄe'],
  [pascalCase, 'XMLHttpRequest', 'XmlHttpRequest'],
  [camelCase, 'CamelCase', 'camelCase'],
  [camelCase, 'This is Human case.', 'thisIsHumanCase'],
  [camelCase, 'MixedUP CamelCase, with some Spaces', 'mixedUpCamelCaseWithSomeSpaces'],
  [camelCase, 'mixed_up_ snake_case, with some _spaces', 'mixedUpSnakeCaseWithSomeSpaces'],
  [camelCase, 'kebab-case', 'kebabCase'],
  [camelCase, 'SHOUTY_SNAKE_CASE', 'shoutySnakeCase'],
  [camelCase, 'snake_case', 'snakeCase'],
  [camelCase, 'this-contains_ ALLKinds OfWord_Boundaries', 'thisContainsAllKindsOfWordBoundaries'],
  [camelCase, 'XΣXΣ baﬄe', 'xσxςBaﬄe'],
  [camelCase, 'XMLHttpRequest', 'xmlHttpRequest'],
  [kebabCase, 'CamelCase', 'camel-case'],
  [kebabCase, 'This is Human case.', 'this-is-human-case'],
  [kebabCase, 'MixedUP CamelCase, with some Spaces', 'mixed-up-camel-case-with-some-spaces'],
  [kebabCase, 'mixed_up_ snake_case with some _spaces', 'mixed-up-snake-case-with-some-spaces'],
  [kebabCase, 'kebab-case', 'kebab-case'],
  [kebabCase, 'SHOUTY_SNAKE_CASE', 'shouty-snake-case'],
  [kebabCase, 'snake_case', 'snake-case'],
  [kebabCase, 'this-contains_ ALLKinds OfWord_Boundaries', 'this-contains-all-kinds-of-word-boundaries'],
  [kebabCase, 'XΣXΣ baﬄe', 'xσxς-baﬄe'],
  [kebabCase, 'XMLHttpRequest', 'xml-http-request'],
  [kebabCase, 'لِنَذْهَبْ إِلَى السِّيْنَمَا', 'لِنَذْهَبْ-إِلَى-السِّيْنَمَا'],
  [kebabCase, 'ファイルを読み込み', 'ファイルを読み込み'],
  [kebabCase, '祝你一天过得愉快', '祝你一天过得愉快'],
];

describe('heck-compatible case conversion', () => {
  it.each(CASES)('%o(%j) is %j', (convert, input, expected) => {
    expect(convert(input)).toBe(expected);
  });

  it('names as the Python plugin uses them', () => {
    expect(snakeCase('ProcessOrder')).toBe('process_order');
    expect(pascalCase('process_order')).toBe('ProcessOrder');
    expect(kebabCase('HTTPServer2Go')).toBe('http-server2-go');
  });
});

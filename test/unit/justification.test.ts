import { justificationProblem } from '../../src/domain/overrides/justification';

describe('justificationProblem', () => {
  it.each([
    'Strategic logo: their CEO asked for a pilot through our board member; revenue data is stale.',
    'Partner referral from AWS with a signed mutual action plan and a budget owner identified.',
    'CRM shows 40 employees but LinkedIn and their filing show 450; firmographics are outdated.',
  ])('accepts a real explanation: %s', (text) => {
    expect(justificationProblem(text)).toBeNull();
  });

  it.each([
    ['short', 'too short', 'at least 30 characters'],
    ['aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'one character', 'one character repeated'],
    ['!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!', 'punctuation', 'one character repeated'],
    ['Lorem ipsum dolor sit amet, consectetur adipiscing', 'lorem ipsum', 'lorem ipsum'],
    ['asdfasdf asdf asdfgh jkl qwerty asdf', 'keyboard mash', 'keyboard'],
    ['override override override override override', 'one word repeated', 'same word'],
    ['important important important account here', 'a word over half the text', 'same word'],
    ['n/a n/a test test override tbd todo placeholder', 'placeholders', 'placeholder'],
    ['   test test test test test test test     ', 'padded placeholder', 'same word'],
  ])('refuses %j (%s)', (text, _why, message) => {
    expect(justificationProblem(text)).toContain(message);
  });

  // Placeholders written with lookalike letters read as placeholders: Cyrillic е, о, а, р, с
  // (U+0435, U+043E, U+0430, U+0440, U+0441), full-width forms, zero-width padding.
  it.each([
    ['t\u0435st \u043Everride pl\u0430ceholder dummy s\u0430mple t\u0435sting', 'Cyrillic lookalikes', 'placeholder'],
    [
      '\uFF54\uFF45\uFF53\uFF54 \uFF4F\uFF56\uFF45\uFF52\uFF52\uFF49\uFF44\uFF45 placeholder dummy sample',
      'full-width letters',
      'placeholder',
    ],
    [
      't\u200Be\u200Bs\u200Bt \u200B\u200B\u200B\u200B\u200B\u200B\u200B\u200B\u200B\u200B\u200B\u200B\u200B\u200B\u200B\u200B\u200B\u200B\u200B\u200B\u200B\u200B\u200B\u200B\u200B\u200B',
      'zero-width padding',
      'at least 30 characters',
    ],
    ['L\u043Er\u0435m ipsum d\u043El\u043Er sit amet, consectetur', 'Cyrillic lorem ipsum', 'lorem ipsum'],
    ['t\u0301e\u0301s\u0301t o\u0301verride placeholder du\u0301mmy sample', 'accents stacked on placeholders', 'placeholder'],
  ])('refuses %j (%s)', (text, _why, message) => {
    expect(justificationProblem(text)).toContain(message);
  });

  it.each([
    '\u041A\u043B\u0438\u0435\u043D\u0442 \u043F\u043E\u0434\u043F\u0438\u0441\u0430\u043B \u0434\u043E\u0433\u043E\u0432\u043E\u0440 \u0441 \u043F\u0430\u0440\u0442\u043D\u0451\u0440\u043E\u043C AWS \u0438 \u0432\u044B\u0434\u0435\u043B\u0438\u043B \u0431\u044E\u0434\u0436\u0435\u0442.',
    'Le client a sign\u00E9 un accord-cadre avec notre partenaire ; budget d\u00E9j\u00E0 approuv\u00E9.',
    'Memo from the CFO: momentum is strong, the programme manager confirmed the mandate.',
  ])('accepts real explanations in other scripts and with accents: %s', (text) => {
    expect(justificationProblem(text)).toBeNull();
  });
});

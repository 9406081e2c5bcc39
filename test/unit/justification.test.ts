import { justificationProblem } from '../../src/overrides/justification';

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
});

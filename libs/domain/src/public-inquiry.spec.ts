import { fillTimeVerdict, normalizeInquiryMessage, topicsOfInquiryChoice } from './public-inquiry';

describe('public inquiry rules', () => {
  it('maps the plain-words topic choice to the taxonomy top level', () => {
    expect(topicsOfInquiryChoice('labour')).toEqual(['LAB']);
    expect(topicsOfInquiryChoice('ict')).toEqual(['ICT']);
    expect(topicsOfInquiryChoice('both')).toEqual(['LAB', 'ICT']);
  });

  it('refuses a form filled faster than a person can, and a stale one', () => {
    const start = Date.UTC(2026, 11, 1, 0, 0, 0);
    expect(fillTimeVerdict(start, start + 1000, 3)).toBe('too_fast');
    expect(fillTimeVerdict(start, start + 2999, 3)).toBe('too_fast');
    expect(fillTimeVerdict(start, start + 3000, 3)).toBe('ok');
    expect(fillTimeVerdict(start, start + 25 * 3_600_000, 3)).toBe('expired');
    // A start time from the future (a forged or skewed token) is never fast enough.
    expect(fillTimeVerdict(start + 60_000, start, 3)).toBe('too_fast');
  });

  it('treats widths, case and white space as the same message', () => {
    expect(normalizeInquiryMessage('ＶＰＮ の\n\n導入  について ')).toBe(
      normalizeInquiryMessage('vpn の 導入 について'),
    );
    expect(normalizeInquiryMessage('VPN')).not.toBe(normalizeInquiryMessage('VDI'));
  });
});

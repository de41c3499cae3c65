import {
  formatTimer,
  pauseTimer,
  startTimer,
  STOPPED,
  timerSeconds,
  toggleTimer,
} from './call-timer';

describe('call timer', () => {
  it('counts from when it starts', () => {
    const running = startTimer(STOPPED, 1_000);
    expect(timerSeconds(running, 1_000)).toBe(0);
    expect(timerSeconds(running, 11_500)).toBe(10);
  });

  it('stands still while paused and goes on from there', () => {
    const paused = pauseTimer(startTimer(STOPPED, 0), 5_000);
    expect(timerSeconds(paused, 60_000)).toBe(5);
    const resumed = toggleTimer(paused, 60_000);
    expect(timerSeconds(resumed, 63_000)).toBe(8);
  });

  it('ignores a second start or pause', () => {
    const running = startTimer(STOPPED, 0);
    expect(startTimer(running, 9_000)).toBe(running);
    expect(pauseTimer(STOPPED, 9_000)).toBe(STOPPED);
  });

  it('never goes past a day, the most the API accepts', () => {
    expect(timerSeconds(startTimer(STOPPED, 0), 2 * 86_400_000)).toBe(86_400);
  });

  it('shows minutes and seconds, and hours past the hour', () => {
    expect(formatTimer(0)).toBe('00:00');
    expect(formatTimer(75)).toBe('01:15');
    expect(formatTimer(3_725)).toBe('1:02:05');
  });
});

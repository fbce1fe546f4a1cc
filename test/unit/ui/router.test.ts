import { describe, expect, it } from 'vitest';
import { routeOf } from '../../../src/ui/router';

describe('routeOf', () => {
  it('maps known paths, tolerates trailing slashes and a base path, and sends the rest home', () => {
    expect(routeOf('/pin')).toBe('/pin');
    expect(routeOf('/cards/')).toBe('/cards');
    expect(routeOf('/selfservice/unblock', '/selfservice/')).toBe('/unblock');
    expect(routeOf('/cards/some-id')).toBe('/');
    expect(routeOf('/')).toBe('/');
  });
});

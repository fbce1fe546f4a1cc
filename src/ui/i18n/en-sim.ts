/**
 * English texts of the simulator's controls (demo builds only). Kept apart from en.ts so a
 * production build, where `__SIMULATOR__` is false, ships none of them (vite.config.ts).
 */
export const simTemplates: Record<string, string> = {
  'route.sim.title': 'Simulator',
  'route.sim': 'A virtual reader with a virtual card to try things out, without any hardware.',
  'chooser.sim': 'Simulator (virtual card)',
  'home.sim.gids': 'Insert GIDS card',
  'home.sim.piv': 'Insert PIV card',
  'home.sim.remove': 'Pull the card',
  'err.sim': 'The demo’s card simulator reported an error.',
  'err.sim.next': 'Reload the page and try again.',
  'home.demo':
    'Demo: a simulated card reader with a new, blank card, and an emulated certificate server. Enroll the card first.',
};

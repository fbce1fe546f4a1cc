/**
 * English translations of the shell and home: language switch, connectivity, update and install
 * prompts, main menu, the home view with its reader routes and the reader chooser. Keyed by
 * explicit message id; spread into `templates` of en.ts; test/unit/ui/i18n-ids.test.ts checks
 * ids in both directions (German is the source text in the components).
 */

export const shellTemplates: Record<string, string> = {
  'lang.group': 'Language',
  'net.online': 'Online',
  'net.offline': 'Offline – saved data only',
  'net.unreachable': 'Server unreachable',
  'net.announce.offline': 'You are offline. Saved data stays readable.',
  'net.announce.unreachable': 'The card server cannot be reached.',
  'net.announce.online': 'Back online.',
  'update.announce': 'A new version is available.',
  'update.title': 'New version available',
  'update.body': 'Reload when no card operation is running.',
  'update.reload': 'Reload',
  'update.later': 'Later',
  'install.button': 'Install',
  'shell.leave-flow':
    'The operation is not finished. If you leave the page now, it is paused; steps already done are kept and you can continue later. Leave the page anyway?',
  'shell.skip': 'Skip to content',
  'shell.offline-ready': 'The app is now available offline too.',
  'home.title': 'Manage your smart card yourself',
  'home.intro':
    'Get a proposed PIN, unblock a blocked PIN, enroll a card, and see your cards and certificates.',
  'home.routes': 'Access to the card reader in this browser',
  'route.available': 'available',
  'route.limited': 'limited',
  'route.unavailable': 'not available',
  'route.webusb.available': 'This app runs as an Isolated Web App and may talk to USB card readers directly.',
  'route.webusb.limited':
    'The browser blocks USB card readers (device class 0x0B) for ordinary web pages. Only readers with a vendor-specific interface work here; for all others you need the app as an Isolated Web App.',
  'route.webusb.unavailable': 'This browser offers no WebUSB (e.g. Firefox or Safari). Use Chrome or Edge.',
  'route.wsc.available':
    "The Web Smart Card API is present: readers are reached through the system's smart card service.",
  'route.wsc.unavailable':
    'The Web Smart Card API exists only in Isolated Web Apps, currently on ChromeOS only.',
  'route.webhid': 'No card reader can be reached through WebHID; card readers do not speak APDUs there.',
  'chooser.webusb': 'USB card reader (WebUSB)',
  'chooser.wsc': "System's smart card service (Web Smart Card)",
  'chooser.why.nousb': 'This browser has no WebUSB; use Chrome or Edge.',
  'chooser.why.insecure': 'Available over https only.',
  'chooser.why.isolated': 'Only in the app installed as an Isolated Web App (ChromeOS).',
  'chooser.why.other': 'Not available in this browser.',
  'chooser.legend': 'Access to the card',
  'home.not-registered': 'not registered',
  'home.actions': 'Actions',
  'nav.pin': 'Get proposed PIN',
  'nav.unblock': 'Unblock PIN',
  'nav.enroll': 'Enroll card',
  'nav.retire': 'Retire card',
  'shell.nav': 'Main menu',
  'shell.nav.home': 'Home',
  'shell.nav.cards': 'My cards',
  'chooser.why.nosmartcard':
    'This ChromeOS device offers no smart card service; your IT enables it with the Smart Card Connector extension.',
  'chooser.bridge': "Card bridge (this computer's card readers)",
  'chooser.why.nowebsocket': 'This browser cannot reach the card bridge; use Chrome or Edge.',
};
